"""Compute the pre-filled values of a form (pure: no writes; forms.services records the result)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from forms.prefill.evidence import ApplicantData, LicenseEvidence
from forms.prefill.plugins import Found, PrefillContext, prefill_plugins
from forms.prefill.sources import parse_source


@dataclass
class PrefillResult:
    values: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> {source, origin}
    locked: set[str] = field(default_factory=set)  # pre-filled and not editable
    skipped: dict[str, str] = field(default_factory=dict)  # key -> why it was not pre-filled
    field_count: int = 0

    @property
    def prefilled_count(self) -> int:
        return len(self.values)

    @property
    def rate(self) -> float:
        """Share of the form's fields the applicant did not have to type (免填写率)."""
        return self.prefilled_count / self.field_count if self.field_count else 0.0


def _jsonable(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def compute_prefill(
    *, fields: Iterable, applicant: ApplicantData | None, evidence: Sequence[LicenseEvidence]
) -> PrefillResult:
    """Fill every field whose source is present and usable; never from a license that failed verification."""
    context = PrefillContext(applicant=applicant, evidence=tuple(evidence))
    result = PrefillResult()
    for form_field in fields:
        result.field_count += 1
        if not form_field.prefill_source:
            continue
        source = parse_source(form_field.prefill_source)
        outcome = prefill_plugins[source.plugin].lookup(source, context)
        if isinstance(outcome, Found):
            result.values[form_field.key] = _jsonable(outcome.value)
            result.origins[form_field.key] = {"source": str(source), "origin": outcome.origin}
            if not form_field.editable_when_prefilled:
                result.locked.add(form_field.key)
        else:
            result.skipped[form_field.key] = outcome.reason
    return result
