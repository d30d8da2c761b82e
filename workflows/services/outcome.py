"""The outcome (background job): the license issued at once where the item issues one (同步制发), then the
documents — each effect once per case, however often the job is delivered."""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction
from django.utils import timezone

from catalogs.models import LicenseType
from forms.models import DocumentKind
from licenses.errors import InvalidLicenseData, NoActiveKey
from licenses.services import issue_license
from workflows.models import Case, CaseState, Decision, FetchState
from workflows.services.documents import ensure_document
from workflows.services.events import move, record_event

logger = logging.getLogger("workflows.outcome")


def license_face(case: Case, license_type: LicenseType) -> dict:
    """The new license's face fields, each from the first source that has it: the form, the answers, the
    verified licenses read for the case (the same type first: a renewal keeps its data), the holder; a
    date nobody gave is the decision date, and a number the issuer assigns is the case number."""
    values = dict(case.filled_form.values) if case.filled_form_id else {}
    answers = dict(case.answers or {})
    verified = sorted(
        case.licenses.filter(fetch_state=FetchState.VERIFIED).select_related("license_type"),
        key=lambda row: row.license_type_id != license_type.pk,
    )
    faces = [dict((row.payload or {}).get("face") or {}) for row in verified]
    decided: date = timezone.localtime(case.decided_at or timezone.now()).date()
    face = {}
    for field in license_type.face_fields.all():
        if field.key in ("name", "citizen_id", "uscc"):
            continue  # filled from the holder by the registry
        for source in (values, answers, *faces):
            value = source.get(field.key)
            if value not in (None, ""):
                face[field.key] = value if not isinstance(value, bool) else ("是" if value else "否")
                break
        else:
            if field.field_type == "date":
                face[field.key] = decided.isoformat()
            elif field.required and "number" in field.key:
                face[field.key] = (
                    case.number
                )  # a number the issuer assigns (e.g. 社会保障卡卡号): by the case
    return face


def issue_case_license(*, case: Case):
    """同步制发: the license the item issues, sealed with the department's key; one per case."""
    license_type = case.service_item.issues_license_type
    if license_type is None or case.decision != Decision.APPROVED:
        return None
    with transaction.atomic():
        locked = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
        if locked.issued_license_id:  # an earlier delivery issued it
            case.issued_license = locked.issued_license
            return case.issued_license
        version = issue_license(
            license_type=license_type,
            issuer=case.department,
            holder_code=case.holder_code,
            holder_name=case.holder_name,
            holder_code_type=case.holder_code_type,
            face=license_face(case, license_type),
            reason=f"依办件 {case.number} 同步制发",
        )
        Case.objects.filter(pk=case.pk).update(issued_license=version)
        case.issued_license = version
        # logged with the issue it records, in one commit
        record_event(
            case=case, action="license_issued", note=f"同步制发{version.name}，证照标识 {version.identifier}"
        )
    return version


def documents_due(case: Case) -> list[tuple[str, int]]:
    due = []
    if case.submitted_at:
        due.append((DocumentKind.APPLICATION_FORM, 0))
    if case.reviewer_id:
        due.append((DocumentKind.ACCEPTANCE_NOTICE, 0))
    if case.decision in (Decision.APPROVED, Decision.REJECTED):
        due.append((DocumentKind.DECISION, 0))
    if case.issued_license_id:
        due.append((DocumentKind.LICENSE_FACE, 0))
    return due


def produce_outcome(*, case: Case) -> bool:
    """Issue what the decision calls for; False when something must be tried again later (the job backs off)."""
    try:
        issue_case_license(case=case)
    except (InvalidLicenseData, NoActiveKey) as error:
        Case.objects.filter(pk=case.pk).update(
            activity=f"证照制发失败：{error.message}（系统将重试，请联系事项管理部门）"
        )
        record_event(case=case, action="license_issue_failed", note=error.message)
        logger.error("workflows.outcome.license_failed case=%s error=%s", case.number, error.message)
        return False
    done = True  # the case was read when the job started; what issuing changed is set on it above
    for kind, round_ in documents_due(case):
        if ensure_document(case=case, kind=kind, round_=round_) is None:
            done = False  # another delivery is rendering it; come back
    return done


def concluded(*, case: Case) -> None:
    """Flow step: decision documents issued (and the license, if any); the case is decided."""
    numbers = "、".join(d.document.number for d in case.documents.select_related("document") if d.document_id)
    to = CaseState.APPROVED if case.decision == Decision.APPROVED else CaseState.REJECTED
    move(case, to=to, action="concluded", note=f"已出具文书 {numbers}", activity="正在归档")
