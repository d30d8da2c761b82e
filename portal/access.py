"""Which case a portal page may show: one the caller may see (``workflows.selectors.cases_visible_to``) and
acts on as its applicant — a person their own, an enterprise agent their enterprise's. Anything else is a
404, as if it did not exist, and the attempt is logged as a refused case event."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from workflows import selectors
from workflows.models import Case, EventChannel
from workflows.services.events import record_event


def my_cases(*, user) -> QuerySet[Case]:
    """The applicant's cases (an enterprise agent: the enterprise's); a staff member with no holder code has none."""
    if not getattr(user, "holder_code", ""):
        return Case.objects.none()
    return selectors.cases_visible_to(user=user).filter(holder_code=user.holder_code)


def my_case(request, pk: int, *, what: str) -> Case:
    if not 0 < pk <= selectors.MAX_CASE_PK:
        raise Http404("未找到该办件")
    case = (
        my_cases(user=request.user)
        .select_related("service_item", "department", "filled_form__schema", "consent")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        existing = Case.objects.filter(pk=pk).first()
        if existing is not None:
            record_event(
                case=existing,
                action=f"refused:portal-{what}",
                actor=request.user,
                channel=EventChannel.ONLINE,
                refused=True,
                note=f"{request.method} {request.path[:300]}",
            )
        raise Http404("未找到该办件")
    return case
