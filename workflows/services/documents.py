"""The documents of a case (申请表, 受理通知书, 一次性告知书, 决定书, 证照文件), each issued once per (case, kind, round).

Rendering a PDF takes a fraction of a second and must not hold any lock other jobs wait on, so a
document is *claimed* first (a ``CaseDocument`` row with a token and a lease), rendered outside any
transaction, then attached. A second delivery of the same job finds the document attached and does
nothing; one that arrives while the first is still rendering backs off; one that arrives after the
first died (lease expired) takes the claim over.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from catalogs.models.service_items import ServiceItemKind
from forms.documents.kinds import (
    AcceptanceNoticeData,
    ApplicationFormData,
    CaseInfo,
    DecisionData,
    FaceRow,
    FormRow,
    LicenseFaceData,
    MaterialRow,
    Party,
    SupplementItem,
    SupplementNoticeData,
)
from forms.models import DocumentKind
from forms.services.documents import issue_document
from licenses.selectors import verification_url
from workflows.models import Case, CaseDocument, Decision, FetchState
from workflows.services.filling import materials

logger = logging.getLogger("workflows.documents")
MODE_LABELS = {
    "auto": "免提交（电子证照自动调取）",
    "upload": "上传电子材料",
    "paper": "提交纸质材料",
    "exempt": "免于提交",
}
ACT_BY_KIND = {
    ServiceItemKind.LICENSING: "行政许可",
    ServiceItemKind.CONFIRMATION: "登记",
    ServiceItemKind.BENEFIT: "给付",
}


def lease() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "CASE_DOCUMENT_LEASE_SECONDS", 300)))


def case_info(case: Case) -> CaseInfo:
    submitted = case.submitted_at or case.created
    return CaseInfo(
        case_number=case.number,
        service_item_name=case.service_item.name,
        service_item_code=case.service_code,
        service_item_version=case.service_item.version,
        applicant=Party(name=case.holder_name, code=case.holder_code, code_type=case.holder_code_type),
        submitted_on=timezone.localtime(submitted).date(),
    )


def _material_rows(case: Case) -> list[MaterialRow]:
    rows = []
    for material in materials(case):
        note = "已核验" if material.fetch_state == FetchState.VERIFIED else material.reason
        rows.append(
            MaterialRow(material.name, MODE_LABELS.get(material.mode, material.mode), str(note)[:120])
        )
    return rows


def _handler_name(case: Case) -> str:
    user = case.reviewer or case.decided_by
    return (user.real_name or user.username) if user else "免证办系统"


def application_form_data(case: Case) -> ApplicationFormData:
    rows, prefilled, total = [], 0, 0
    filled = case.filled_form
    if filled is not None:
        names = {
            row.license_type.code: row.license_type.name
            for row in case.licenses.select_related("license_type")
        }
        for form_field in filled.schema.fields.all():
            origin = filled.prefilled.get(form_field.key, {}).get("source", "")
            source = names.get(origin[len("license:") :].split(".")[0], "实名信息") if origin else ""
            value = filled.values.get(form_field.key, "")
            rows.append(
                FormRow(
                    form_field.label,
                    "是" if value is True else "否" if value is False else str(value),
                    source,
                )
            )
        prefilled, total = filled.prefilled_count, filled.field_count
    questions = dict(case.service_item.questions.values_list("key", "label"))
    for key, value in (case.answers or {}).items():
        shown = (
            "是"
            if value is True or value == "true"
            else "否"
            if value is False or value == "false"
            else str(value)
        )
        rows.append(FormRow(questions.get(key, key), shown, ""))
    return ApplicationFormData(
        case=case_info(case),
        rows=rows,
        materials=_material_rows(case),
        prefilled_count=prefilled,
        field_count=total,
    )


def acceptance_data(case: Case) -> AcceptanceNoticeData:
    accepted = timezone.localtime(case.accepted_at or timezone.now()).date()
    return AcceptanceNoticeData(
        case=case_info(case),
        accepted_on=accepted,
        promised_days=case.service_item.promised_days,
        materials=_material_rows(case),
        handler_name=_handler_name(case),
    )


def supplement_data(case: Case, round_: int) -> SupplementNoticeData:
    items = [SupplementItem(material=i["name"], reason=i["reason"]) for i in case.supplement_items]
    return SupplementNoticeData(
        case=case_info(case),
        items=items,
        deadline=case.supplement_due_on or timezone.localdate(),
        handler_name=_handler_name(case),
        notified_on=timezone.localdate(),
    )


def decision_data(case: Case) -> DecisionData:
    item = case.service_item
    return DecisionData(
        case=case_info(case),
        approved=case.decision == Decision.APPROVED,
        decided_on=timezone.localtime(case.decided_at or timezone.now()).date(),
        reasons=case.decision_reasons,
        legal_basis=item.legal_basis.strip().splitlines()[0] if item.legal_basis.strip() else "有关法律法规",
        license_identifier=case.issued_license.identifier if case.issued_license_id else "",
        act=ACT_BY_KIND.get(item.kind, "办理"),
    )


def license_face_data(case: Case) -> LicenseFaceData:
    version = case.issued_license
    labels = {f.key: f.label for f in version.license.license_type.face_fields.all()}
    return LicenseFaceData(
        license_type_name=version.name,
        identifier=version.identifier,
        license_number=version.number,
        holder=Party(
            name=version.holder_name,
            code=version.license.holder_code,
            code_type=version.license.holder_code_type,
        ),
        rows=[FaceRow(labels.get(key, key), str(value)) for key, value in version.face.items()],
        issue_date=version.issue_date,
        valid_from=version.valid_from,
        valid_until=version.valid_until,
        verification_path=verification_url(version),
        case_number=case.number,
    )


BUILDERS = {
    DocumentKind.APPLICATION_FORM: lambda case, round_: application_form_data(case),
    DocumentKind.ACCEPTANCE_NOTICE: lambda case, round_: acceptance_data(case),
    DocumentKind.SUPPLEMENT_NOTICE: supplement_data,
    DocumentKind.DECISION: lambda case, round_: decision_data(case),
    DocumentKind.LICENSE_FACE: lambda case, round_: license_face_data(case),
}


def ensure_document(*, case: Case, kind: str, round_: int = 0) -> CaseDocument | None:
    """The case's document of ``kind`` for ``round_``, issued now if it is not yet; None while another job renders it."""
    token, now = uuid.uuid4(), timezone.now()
    with transaction.atomic():
        # a new slot is made claimed by this job; one an earlier delivery made is read again under its row lock
        slot, created = CaseDocument.objects.get_or_create(
            case=case, kind=kind, round=round_, defaults={"claim_token": token, "claimed_at": now}
        )
        if not created:
            slot = CaseDocument.objects.select_for_update().get(pk=slot.pk)
            if slot.document_id:
                return slot
            if slot.claim_token and slot.claimed_at and slot.claimed_at > now - lease():
                return None
            slot.claim_token, slot.claimed_at = token, now
            slot.save(update_fields=["claim_token", "claimed_at"])
    document = issue_document(kind=kind, department=case.department, data=BUILDERS[kind](case, round_))
    attached = CaseDocument.objects.filter(pk=slot.pk, claim_token=token, document__isnull=True).update(
        document=document
    )
    if attached:
        slot.document = document
        return slot
    logger.warning(
        "workflows.document.orphaned case=%s kind=%s number=%s", case.number, kind, document.number
    )
    slot.refresh_from_db()
    return slot
