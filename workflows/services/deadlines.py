"""The deadline clock in working days: it starts at acceptance (受理) and stops while a supplement is awaited.

``due_on`` counts the item's 承诺时限 from the acceptance day, ``statutory_due_on`` its 法定时限; both move
later by the working days the case spent waiting for the applicant's supplement.
"""

from datetime import date

from django.conf import settings
from django.utils import timezone

from catalogs.workdays import add_working_days, working_days_between
from workflows.models import Case


def _recompute(case: Case) -> None:
    start = timezone.localdate(case.accepted_at)
    item = case.service_item
    case.due_on = add_working_days(start, item.promised_days + case.suspended_days)
    statutory = getattr(item, "statutory_days", None)
    case.statutory_due_on = add_working_days(start, statutory + case.suspended_days) if statutory else None


def start_clock(case: Case, *, at=None) -> None:
    """At acceptance (the first claim, or an instant decision): set the acceptance time and due dates."""
    if case.accepted_at is not None:
        return
    case.accepted_at = at or timezone.now()
    _recompute(case)


def suspend_clock(case: Case, *, on: date | None = None) -> None:
    if case.accepted_at is not None and case.suspended_since is None:
        case.suspended_since = on or timezone.localdate()


def resume_clock(case: Case, *, on: date | None = None) -> None:
    if case.suspended_since is None:
        return
    case.suspended_days += working_days_between(case.suspended_since, on or timezone.localdate())
    case.suspended_since = None
    _recompute(case)


def supplement_deadline(*, on: date | None = None) -> date:
    return add_working_days(on or timezone.localdate(), int(getattr(settings, "CASE_SUPPLEMENT_DAYS", 5)))


def rectification_deadline(*, on: date | None = None) -> date:
    return add_working_days(on or timezone.localdate(), int(getattr(settings, "RECTIFICATION_DAYS", 5)))
