"""Plain-data inputs to prefill, so callers pass what they verified without forms importing their models.

The workflow turns ``licenses.verification.verify_license(...)`` results into ``LicenseEvidence``:
``verified`` is True only when every check passed; ``report`` is the report's ``as_dict()``.
"""

from dataclasses import dataclass, field
from typing import Any, Protocol


class Person(Protocol):
    """What prefill reads of the signed-in user (``accounts.models.User`` has it; forms does not import it)."""

    real_name: str
    holder_code: str
    holder_code_type: str
    email: str


@dataclass(frozen=True)
class LicenseEvidence:
    type_code: str
    identifier: str
    face: dict[str, Any]
    verified: bool
    report: dict[str, Any] | None = None
    metadata: dict[str, Any] = field(default_factory=dict)  # holder_name, issue_date … (LICENSE_METADATA)

    @classmethod
    def from_verification(cls, *, payload: dict[str, Any], report: dict[str, Any]) -> "LicenseEvidence":
        """From a license version's sealed payload (metadata + ``face``) and ``VerificationReport.as_dict()``.

        Only a report whose result is ``valid`` makes the evidence usable for prefill.
        """
        metadata = {key: value for key, value in payload.items() if key != "face"}
        metadata.update(license_number=payload.get("number"), expires_on=payload.get("valid_until"))
        return cls(
            type_code=payload["type_code"],
            identifier=payload["identifier"],
            face=dict(payload.get("face") or {}),
            verified=report.get("result") == "valid",
            report=report,
            metadata=metadata,
        )

    @property
    def failure_reason(self) -> str:
        """The first failed check's message, for the applicant to read."""
        for check in (self.report or {}).get("checks", []):
            if not check.get("ok", True):
                return check.get("message") or "证照核验未通过"
        return "证照核验未通过"


@dataclass(frozen=True)
class ApplicantData:
    real_name: str
    holder_code: str
    holder_code_type: str
    email: str = ""
    phone: str = ""

    @classmethod
    def from_user(cls, user: Person) -> "ApplicantData":
        return cls(
            real_name=user.real_name,
            holder_code=user.holder_code,
            holder_code_type=user.holder_code_type,
            email=user.email or "",
            phone=getattr(user, "phone", "") or "",
        )
