"""The facts supervision counts, kept on the case as plain columns so statistics are SQL aggregates.

``note_materials`` counts what the applicant was spared or still had to bring: licenses fetched and verified
(减材料), materials uploaded, materials on paper, form fields prefilled vs typed (免填写). ``note_decision`` adds
the working days from acceptance (受理) to decision, without the days spent waiting for a supplement (减时限).
Both set attributes only; the caller saves the case.
"""

from django.utils import timezone

from catalogs.workdays import working_days_between
from workflows.models import Case, Decision, FetchState

MATERIAL_FIELDS = [
    "materials_fetched",
    "materials_uploaded",
    "materials_paper",
    "fields_prefilled",
    "fields_typed",
]


def note_materials(case: Case) -> None:
    case.materials_fetched = case.licenses.filter(fetch_state=FetchState.VERIFIED).count()
    case.materials_uploaded = (
        case.uploads.filter(removed_at__isnull=True).values("material_key").distinct().count()
    )
    case.materials_paper = sum(
        1 for m in (case.resolution or {}).get("materials", []) if m.get("mode") == "paper"
    )
    form = case.filled_form
    case.fields_prefilled = form.prefilled_count if form else 0
    case.fields_typed = (form.field_count - form.prefilled_count) if form else 0


def note_decision(case: Case) -> None:
    """At an approval or a rejection (not a withdrawal): the working days the decision took; no more deadline flag."""
    note_materials(case)
    case.deadline_flag = ""
    if case.decision in (Decision.APPROVED, Decision.REJECTED) and case.accepted_at and case.decided_at:
        elapsed = working_days_between(
            timezone.localdate(case.accepted_at), timezone.localdate(case.decided_at)
        )
        case.decision_workdays = max(elapsed - case.suspended_days, 0)
