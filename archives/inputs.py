"""What a finished case hands to the archive, as plain data (archives knows nothing of workflows)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from catalogs.models import Department


class Decision(models.TextChoices):
    """How a case ended; the one definition (``workflows.models.Decision`` is this class)."""

    APPROVED = "approved", _("准予")
    REJECTED = "rejected", _("不予")
    WITHDRAWN = "withdrawn", _("撤回")

    @classmethod
    def archived_label(cls, value: str) -> str:
        """The Chinese label an archive records, whatever language the archiving job runs in."""
        if value not in cls.values:
            return ""
        with translation.override("zh-hans"):
            return str(cls(value).label)


@dataclass(frozen=True)
class CaseRecord:
    case_number: str
    service_item_code: str
    service_item_name: str
    service_item_version: int
    retention_years: int  # from the service item version; 0 = permanent (永久)
    applicant_name: str
    applicant_code: str
    applicant_code_type: str  # catalogs.identifiers.HOLDER_CODE_CITIZEN or HOLDER_CODE_USCC
    department: Department  # the handling department
    handler_name: str
    submitted_at: datetime
    decided_at: datetime
    decision: str  # a Decision value
    decision_note: str = ""


@dataclass(frozen=True)
class ArchiveDocument:
    role: str  # document kind: application_form, acceptance_notice, supplement_notice, decision, license_face, other
    title: str
    number: str  # the document number printed on it
    content: bytes  # the PDF/A-3b file


@dataclass(frozen=True)
class LicenseSnapshot:
    identifier: str
    type_code: str
    type_name: str
    data: dict[str, Any]  # metadata and face fields as read for the case
    verification_report: dict[str, Any]  # licenses.verification.VerificationReport.as_dict()
