"""The applicant's part: the pre-filled form, uploads for what is still required, and submitting."""

from __future__ import annotations

import hashlib
import os
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from forms.models import FormSchema
from forms.prefill.evidence import ApplicantData, LicenseEvidence
from forms.services.filling import save_form_draft, start_form, submit_form
from workflows.errors import CaseInputInvalid, CaseRefused, UploadRejected
from workflows.models import Case, CaseState, CaseUpload, EventChannel, FetchState, Route
from workflows.selectors import active_task
from workflows.services import facts
from workflows.services.events import move, record_event
from workflows.services.review import supplement_items
from workflows.services.steps import complete_step

# (media type, magic bytes at offset 0)
SIGNATURES = (
    ("application/pdf", b"%PDF-"),
    ("image/jpeg", b"\xff\xd8\xff"),
    ("image/png", b"\x89PNG\r\n\x1a\n"),
)
MEDIA_LABELS = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}


@dataclass(frozen=True)
class Material:
    """One line of what the case needs from the applicant, after fetching."""

    key: str
    name: str
    mode: str  # upload · paper · auto · exempt (after fallback)
    required: bool
    reason: str
    license_type: str = ""
    fetch_state: str = ""

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "mode": self.mode,
            "required": self.required,
            "reason": self.reason,
            "license_type": self.license_type,
            "fetch_state": self.fetch_state,
        }


def materials(case: Case) -> list[Material]:
    """The resolution's material list with each license's outcome applied (an unusable ``auto`` is an upload)."""
    rows = {row.license_type.code: row for row in case.licenses.select_related("license_type")}
    result = []
    for index, material in enumerate(case.resolution.get("materials", [])):
        code = material.get("license_type") or ""
        row = rows.get(code)
        mode, reason = material["mode"], str(material.get("reason") or "")
        if row is not None and row.fetch_state == FetchState.FALLBACK:
            mode, reason = "upload", row.fallback_reason
        key = f"license:{code}" if code else f"material:{index}"
        result.append(
            Material(
                key=key,
                name=material["name"],
                mode=mode,
                required=bool(material.get("required")),
                reason=reason,
                license_type=code,
                fetch_state=row.fetch_state if row else "",
            )
        )
    return result


def required_uploads(case: Case) -> list[Material]:
    return [m for m in materials(case) if m.mode == "upload" and m.required]


def missing_uploads(case: Case) -> list[Material]:
    """Required uploads with no file yet in the current round (a supplement round asks for new files)."""
    wanted = required_uploads(case) if case.supplement_round == 0 else _supplement_materials(case)
    have = set(
        case.uploads.filter(removed_at__isnull=True, round=case.supplement_round).values_list(
            "material_key", flat=True
        )
    )
    if case.supplement_round == 0:
        have |= set(case.uploads.filter(removed_at__isnull=True).values_list("material_key", flat=True))
    return [m for m in wanted if m.key not in have]


def _supplement_materials(case: Case) -> list[Material]:
    by_key = {m.key: m for m in materials(case)}
    wanted = []
    for item in supplement_items(case):
        known = by_key.get(item["key"])
        wanted.append(
            Material(
                key=item["key"],
                name=item["name"],
                mode="upload",
                required=True,
                reason=item["reason"],
                license_type=known.license_type if known else "",
                fetch_state=known.fetch_state if known else "",
            )
        )
    return wanted


def prefill(*, case: Case) -> None:
    """Flow step: the form pre-filled from the verified licenses and the applicant's verified identity."""
    schema = FormSchema.objects.filter(service_item=case.service_item).first()
    if schema is not None and case.filled_form_id is None:
        evidence = [
            LicenseEvidence.from_verification(payload=row.payload, report=row.report)
            for row in case.licenses.filter(fetch_state=FetchState.VERIFIED)
            if row.payload
        ]
        case.filled_form = start_form(
            schema=schema,
            reference=case.number,
            applicant=ApplicantData.from_user(case.applicant),
            evidence=evidence,
        )
    filled = case.filled_form
    note = f"已预填 {filled.prefilled_count}/{filled.field_count} 项" if filled else "本事项无申请表"
    move(
        case,
        to=CaseState.FILLING,
        action="form_prefilled",
        note=note,
        activity="等待申请人核对申请表并上传材料",
    )


def _may_act(case: Case, user: User) -> bool:
    return user.holder_code == case.holder_code or (
        case.channel == "window" and user.pk == case.window_handler_id
    )


def _ensure_state(case: Case, states: tuple, what: str) -> None:
    if case.state not in states:
        raise CaseRefused(f"办件当前为“{case.get_state_display()}”，不能{what}")


def save_draft(*, case: Case, user: User, data: dict) -> Case:
    _ensure_state(case, (CaseState.FILLING,), "修改申请表")
    if case.filled_form is None:
        raise CaseRefused("本事项没有申请表")
    save_form_draft(filled_form=case.filled_form, data=data)
    return case


def sniff(head: bytes) -> str:
    for media_type, magic in SIGNATURES:
        if head.startswith(magic):
            return media_type
    return ""


def clean_filename(name: str) -> str:
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(
        ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C"
    ).strip()
    return (base or "未命名文件")[:200]


def add_upload(
    *, case: Case, user: User, material_key: str, uploaded_file, channel: str = EventChannel.ONLINE
) -> CaseUpload:
    """Store one file for a material the case still requires; its type is checked by content, not name."""
    _ensure_state(case, (CaseState.FILLING, CaseState.SUPPLEMENT), "上传材料")
    wanted = {m.key: m for m in materials(case) if m.mode == "upload"}
    if case.supplement_round:
        wanted = {m.key: m for m in _supplement_materials(case)}
    material = wanted.get(material_key)
    if material is None:
        raise CaseInputInvalid(
            f"本办件不需要上传该材料（{material_key}）",
            params=[{"name": "material", "reason": "不在需上传的材料清单中"}],
        )
    return store_upload(
        case=case,
        user=user,
        key=material.key,
        name=material.name,
        uploaded_file=uploaded_file,
        channel=channel,
    )


def store_upload(
    *, case: Case, user: User, key: str, name: str, uploaded_file, channel: str = EventChannel.ONLINE
) -> CaseUpload:
    """Check one file (size, and type by its content) and keep it outside the web root."""
    if uploaded_file is None:
        raise UploadRejected("请选择要上传的文件", params=[{"name": "file", "reason": "未选择文件"}])
    limit = int(getattr(settings, "CASE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
    size = getattr(uploaded_file, "size", None) or 0
    if size > limit:
        raise UploadRejected(
            f"文件过大：{size / 1048576:.1f} MB，单个文件不能超过 {limit // 1048576} MB",
            params=[{"name": "file", "reason": "文件过大"}],
        )
    content = uploaded_file.read(limit + 1)
    if len(content) > limit:
        raise UploadRejected(
            f"文件过大：单个文件不能超过 {limit // 1048576} MB",
            params=[{"name": "file", "reason": "文件过大"}],
        )
    if not content:
        raise UploadRejected("文件是空的，请重新选择", params=[{"name": "file", "reason": "空文件"}])
    media_type = sniff(content[:16])
    if not media_type:
        raise UploadRejected(
            "只能上传 PDF、JPEG 或 PNG 文件（按文件内容识别，改扩展名无效）",
            params=[{"name": "file", "reason": "文件类型不支持"}],
        )
    with transaction.atomic():
        upload = CaseUpload(
            case=case,
            material_key=key,
            material_name=name[:200],
            original_name=clean_filename(getattr(uploaded_file, "name", "")),
            media_type=media_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            round=case.supplement_round,
            uploaded_by=user,
        )
        upload.file.save("upload", ContentFile(content), save=False)
        upload.full_clean()
        upload.save()
        record_event(
            case=case,
            action="upload_added",
            actor=user,
            channel=channel,
            note=f"{name}：{upload.original_name}（{MEDIA_LABELS[media_type]}，{len(content)} 字节）",
        )
    return upload


def remove_upload(*, case: Case, user: User, upload: CaseUpload, channel: str = EventChannel.ONLINE) -> None:
    _ensure_state(case, (CaseState.FILLING, CaseState.SUPPLEMENT), "删除材料")
    if upload.case_id != case.pk or upload.round != case.supplement_round:
        raise CaseRefused("只能删除本轮上传的材料")
    upload.removed_at = timezone.now()
    upload.save(update_fields=["removed_at"])
    record_event(
        case=case,
        action="upload_removed",
        actor=user,
        channel=channel,
        note=f"{upload.material_name}：{upload.original_name}",
    )


def submit(*, case: Case, user: User, data: dict | None = None, channel: str = EventChannel.ONLINE) -> Case:
    """Validate the form and the uploads, then hand the case on (instant decision or the department's queue)."""

    _ensure_state(case, (CaseState.FILLING,), "提交")
    task = active_task(case=case, node="fill")
    if task is None:
        raise CaseRefused("办件当前不能提交")
    missing = missing_uploads(case)
    if missing:
        raise CaseInputInvalid(
            "还有材料未上传：" + "、".join(m.name for m in missing),
            params=[{"name": m.key, "reason": f"请上传{m.name}"} for m in missing],
        )
    with transaction.atomic():
        if case.filled_form is not None:
            submit_form(
                filled_form=case.filled_form,
                data=data or {},
                edited_by="window" if channel == EventChannel.WINDOW else "applicant",
            )
        complete_step(case.flow_class.fill, task, actor=user, channel=channel)
    case.refresh_from_db()
    return case


def submitted(*, case: Case, actor: User | None = None, channel: str = EventChannel.ONLINE) -> None:
    """Flow step: the case is complete from the applicant's side."""
    case.submitted_at = timezone.now()
    facts.note_materials(case)
    case.save(update_fields=["submitted_at", *facts.MATERIAL_FIELDS])
    record_event(case=case, action="submitted", actor=actor, channel=channel, note="申请人提交申请")


def pending_reasons(case: Case) -> list[str]:
    """Why a case that the ruleset routes instant must still be reviewed (empty: it may be decided at once)."""
    reasons = []
    for material in materials(case):
        if material.license_type and material.fetch_state == FetchState.FALLBACK and material.required:
            reasons.append(f"{material.name}未能自动核验")
        elif material.mode == "paper" and material.required:
            reasons.append(f"{material.name}须核验纸质原件")
    return reasons


def qualifies_for_instant(*, case: Case) -> bool:
    """秒批 only when the ruleset says instant, every ``auto`` license verified and nothing is pending."""
    if case.route != Route.INSTANT:
        return False
    reasons = pending_reasons(case)
    if reasons:
        record_event(case=case, action="instant_declined", note="转人工审查：" + "；".join(reasons))
    return not reasons
