"""Starting and submitting a case's form: prefill, the 免填写 record and edits of pre-filled values."""

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from forms.builder import build_form
from forms.errors import FormAlreadySubmitted, FormInvalid, PrefilledFieldLocked
from forms.models import FilledForm, FilledFormStatus, FormSchema
from forms.prefill.engine import compute_prefill
from forms.prefill.evidence import ApplicantData, LicenseEvidence


def _as_form_data(values: Mapping) -> dict:
    """Stored values as a browser would post them (booleans as the "true"/"false" choices)."""
    return {
        key: ("true" if value else "false") if isinstance(value, bool) else value
        for key, value in values.items()
    }


def _jsonable(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


@transaction.atomic
def start_form(
    *, schema: FormSchema, reference: str, applicant: ApplicantData, evidence: Sequence[LicenseEvidence]
) -> FilledForm:
    """Pre-fill a case's form from verified licenses and the applicant, and record the 免填写 rate."""
    result = compute_prefill(fields=schema.fields.all(), applicant=applicant, evidence=evidence)
    filled = FilledForm(
        schema=schema,
        reference=reference,
        holder_code=applicant.holder_code,
        values=dict(result.values),
        prefilled=result.origins,
        locked=sorted(result.locked),
        skipped=result.skipped,
        prefilled_count=result.prefilled_count,
        field_count=result.field_count,
    )
    filled.full_clean()
    filled.save()
    return filled


@transaction.atomic
def submit_form(*, filled_form: FilledForm, data: Mapping, edited_by: str = "applicant") -> FilledForm:
    """Validate the applicant's input against the schema and store it.

    A locked pre-filled value that comes back changed is refused (not silently dropped), so an API
    client learns it cannot override license data; a change to an editable pre-filled field is
    recorded with the old and new value.
    """
    filled = FilledForm.objects.select_for_update().select_related("schema").get(pk=filled_form.pk)
    if filled.status == FilledFormStatus.SUBMITTED:
        raise FormAlreadySubmitted("该表单已提交，不能重复提交")
    labels = {f.key: f.label for f in filled.schema.fields.all()}
    for key in filled.locked:
        if key in data and str(data[key]) != str(filled.values.get(key)):
            raise PrefilledFieldLocked(f"“{labels.get(key, key)}”由电子证照或实名信息自动填写，不可修改")
    merged = _as_form_data(
        {**{k: v for k, v in filled.values.items() if k not in filled.locked}, **dict(data)}
    )
    form = build_form(
        filled.schema, initial=_as_form_data(filled.values), locked=set(filled.locked), data=merged
    )
    if not form.is_valid():
        params = [
            {"name": key, "reason": str(message)}
            for key, messages in form.errors.items()
            for message in messages
        ]
        raise FormInvalid(
            "表单填写有误：" + "；".join(f"{labels.get(p['name'], '表单')}：{p['reason']}" for p in params),
            params=params,
        )
    cleaned = {key: _jsonable(value) for key, value in form.cleaned_data.items()}
    now = timezone.now()
    for key, origin in filled.prefilled.items():
        if key not in filled.locked and str(cleaned.get(key)) != str(filled.values.get(key)):
            filled.edits.append(
                {
                    "field": key,
                    "prefilled": filled.values.get(key),
                    "submitted": cleaned.get(key),
                    "source": origin["source"],
                    "by": edited_by,
                    "at": now.isoformat(),
                }
            )
    filled.values = cleaned
    filled.status = FilledFormStatus.SUBMITTED
    filled.submitted_at = now
    filled.full_clean()
    filled.save()
    return filled


@transaction.atomic
def save_form_draft(*, filled_form: FilledForm, data: Mapping) -> FilledForm:
    """Keep what the applicant typed so far (a draft can be left and resumed); validated only on submit.

    Unknown keys are ignored; a locked pre-filled value that comes back changed is refused, as on submit.
    Changes to editable pre-filled values are taken on submit only, where they are recorded as edits.
    """
    filled = FilledForm.objects.select_for_update().select_related("schema").get(pk=filled_form.pk)
    if filled.status == FilledFormStatus.SUBMITTED:
        raise FormAlreadySubmitted("该表单已提交，不能再修改")
    labels = {f.key: f.label for f in filled.schema.fields.all()}
    for key in filled.locked:
        if key in data and str(data[key]) != str(filled.values.get(key)):
            raise PrefilledFieldLocked(f"“{labels.get(key, key)}”由电子证照或实名信息自动填写，不可修改")
    for key, value in data.items():
        if key in labels and key not in filled.locked and key not in filled.prefilled:
            filled.values[key] = "" if value is None else str(value)[:2000]
    filled.save(update_fields=["values"])
    return filled
