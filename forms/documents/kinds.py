"""What each document kind needs (plain dataclasses the workflow fills in) and how it is titled.

The kinds live in a registry so that a new one is a dataclass, a template and a ``@register`` line.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from catalogs.identifiers import HOLDER_CODE_CITIZEN, HOLDER_CODE_USCC, mask_code, mask_name
from forms.models import DocumentKind


@dataclass(frozen=True)
class Party:
    """The applicant or holder: name and code (citizen ID "111" or USCC "001")."""

    name: str
    code: str
    code_type: str = HOLDER_CODE_CITIZEN

    @property
    def code_label(self) -> str:
        return "统一社会信用代码" if self.code_type == HOLDER_CODE_USCC else "公民身份号码"

    @property
    def masked_code(self) -> str:
        return mask_code(self.code)

    @property
    def masked_name(self) -> str:
        return self.name if self.code_type == HOLDER_CODE_USCC else mask_name(self.name)


@dataclass(frozen=True)
class CaseInfo:
    case_number: str
    service_item_name: str
    service_item_code: str
    service_item_version: int
    applicant: Party
    submitted_on: date


@dataclass(frozen=True)
class FormRow:
    label: str
    value: str
    source: str = ""  # e.g. "居民身份证" when pre-filled from a license


@dataclass(frozen=True)
class MaterialRow:
    name: str
    mode: str  # 免提交（电子证照） / 上传 / 纸质 / 免于提交
    note: str = ""


@dataclass(frozen=True)
class ApplicationFormData:
    case: CaseInfo
    rows: list[FormRow]
    materials: list[MaterialRow] = field(default_factory=list)
    prefilled_count: int = 0
    field_count: int = 0


@dataclass(frozen=True)
class AcceptanceNoticeData:
    case: CaseInfo
    accepted_on: date
    promised_days: int
    materials: list[MaterialRow]
    handler_name: str
    legal_basis: str = "《中华人民共和国行政许可法》第三十二条"


@dataclass(frozen=True)
class SupplementItem:
    material: str
    reason: str


@dataclass(frozen=True)
class SupplementNoticeData:
    case: CaseInfo
    items: list[SupplementItem]
    deadline: date
    handler_name: str
    notified_on: date


@dataclass(frozen=True)
class DecisionData:
    case: CaseInfo
    approved: bool
    decided_on: date
    reasons: str
    legal_basis: str
    license_identifier: str = ""
    review_body: str = "青海省人民政府"
    court: str = "西宁市城中区人民法院"
    # what is granted or refused, named by the item's kind: 行政许可, or 登记 for a 行政确认 such as 婚姻登记
    act: str = "行政许可"


@dataclass(frozen=True)
class FaceRow:
    label: str
    value: str


@dataclass(frozen=True)
class LicenseFaceData:
    license_type_name: str
    identifier: str
    license_number: str
    holder: Party
    rows: list[FaceRow]
    issue_date: date
    valid_from: date
    valid_until: date | None  # None = 长期
    verification_path: str  # /verify/<identifier>?c=<code> (licenses.selectors.verification_url)
    case_number: str = ""


@dataclass(frozen=True)
class KindSpec:
    kind: str
    prefix: str
    template: str
    data_class: type
    title: Callable[[object], str]
    subject: Callable[[object], Party]
    reference: Callable[[object], str]
    seal_purpose: str


_KINDS: dict[str, KindSpec] = {}


def register(spec: KindSpec) -> KindSpec:
    _KINDS[spec.kind] = spec
    return spec


def spec_for(kind: str) -> KindSpec:
    try:
        return _KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown document kind {kind!r}") from None


def all_kinds() -> list[KindSpec]:
    return list(_KINDS.values())


register(
    KindSpec(
        DocumentKind.APPLICATION_FORM,
        "SQ",
        "forms/documents/application_form.html",
        ApplicationFormData,
        title=lambda d: f"{d.case.service_item_name}申请表",
        subject=lambda d: d.case.applicant,
        reference=lambda d: d.case.case_number,
        seal_purpose="受理专用章",
    )
)
register(
    KindSpec(
        DocumentKind.ACCEPTANCE_NOTICE,
        "SL",
        "forms/documents/acceptance_notice.html",
        AcceptanceNoticeData,
        title=lambda d: "受理通知书",
        subject=lambda d: d.case.applicant,
        reference=lambda d: d.case.case_number,
        seal_purpose="行政审批专用章",
    )
)
register(
    KindSpec(
        DocumentKind.SUPPLEMENT_NOTICE,
        "BZ",
        "forms/documents/supplement_notice.html",
        SupplementNoticeData,
        title=lambda d: "补正材料一次性告知书",
        subject=lambda d: d.case.applicant,
        reference=lambda d: d.case.case_number,
        seal_purpose="行政审批专用章",
    )
)
register(
    KindSpec(
        DocumentKind.DECISION,
        "JD",
        "forms/documents/decision.html",
        DecisionData,
        title=lambda d: ("准予" if d.approved else "不予") + d.act + "决定书",
        subject=lambda d: d.case.applicant,
        reference=lambda d: d.case.case_number,
        seal_purpose="行政审批专用章",
    )
)
register(
    KindSpec(
        DocumentKind.LICENSE_FACE,
        "ZZ",
        "forms/documents/license_face.html",
        LicenseFaceData,
        title=lambda d: d.license_type_name,
        subject=lambda d: d.holder,
        reference=lambda d: d.case_number or d.identifier,
        seal_purpose="",
    )
)
