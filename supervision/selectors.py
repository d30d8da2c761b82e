"""Reads for the overdue list and the rectification list, each limited to the asker's scope."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from catalogs.models import Department
from supervision.scope import Scope
from workflows.models import Case, DeadlineFlag, Rectification, RectificationState

FLAGGED = (DeadlineFlag.OVERDUE, DeadlineFlag.DUE_SOON)


def flagged_cases(*, scope: Scope, department_id: int | None = None, flag: str = "") -> QuerySet[Case]:
    cases = Case.objects.filter(deadline_flag__in=[flag] if flag in FLAGGED else FLAGGED)
    department_id = scope.department_id or department_id
    if department_id:
        cases = cases.filter(department_id=department_id)
    return cases.select_related("service_item", "department", "reviewer").order_by("due_on", "pk")


def flagged_per_department(*, scope: Scope) -> list[dict]:
    """Per department: how many cases are overdue and due soon (one aggregate)."""
    rows = Case.objects.filter(deadline_flag__in=FLAGGED)
    if scope.department_id:
        rows = rows.filter(department_id=scope.department_id)
    counts = {
        r["department_id"]: r
        for r in rows.values("department_id")
        .annotate(
            overdue=Count("pk", filter=Q(deadline_flag=DeadlineFlag.OVERDUE)),
            due_soon=Count("pk", filter=Q(deadline_flag=DeadlineFlag.DUE_SOON)),
        )
        .order_by()
    }
    names = dict(Department.objects.filter(pk__in=counts).values_list("pk", "name"))
    return sorted(
        (
            {
                "department_id": pk,
                "name": names.get(pk, ""),
                "overdue": c["overdue"],
                "due_soon": c["due_soon"],
            }
            for pk, c in counts.items()
        ),
        key=lambda d: (-d["overdue"], -d["due_soon"], d["name"]),
    )


def rectifications(
    *, scope: Scope, department_id: int | None = None, state: str = "", overdue_only: bool = False, today=None
) -> QuerySet[Rectification]:
    today: date = today or timezone.localdate()
    rows = Rectification.objects.all()
    department_id = scope.department_id or department_id
    if department_id:
        rows = rows.filter(department_id=department_id)
    if state in RectificationState.values:
        rows = rows.filter(state=state)
    if overdue_only:
        rows = rows.exclude(state=RectificationState.CLOSED).filter(due_on__lt=today)
    return rows.select_related("rating__case__service_item", "department", "closed_by").order_by(
        "due_on", "pk"
    )


def departments_for(scope: Scope) -> QuerySet[Department]:
    rows = Department.objects.order_by("name")
    return rows.filter(pk=scope.department_id) if scope.department_id else rows
