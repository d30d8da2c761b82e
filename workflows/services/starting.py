"""Asking what a service item needs, starting a case (online or at the window) and recording consent."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from catalogs.identifiers import HOLDER_CODE_CITIZEN, guess_holder_code_type
from catalogs.models import Department, FaceField, LicenseType, ServiceItem
from catalogs.models.service_items import ApplicantKind
from catalogs.selectors import public_service_item
from forms.models import FormSchema
from forms.prefill.sources import parse_source
from licenses.consent import ConsentPreview, grant_consent, preview_consent
from licenses.models import Consent, LicenseVersion
from rules import resolution as rules
from workflows.errors import CaseInputInvalid, CaseNotFound, CaseRefused, NotAllowed
from workflows.models import Case, CaseLicense, CaseState, Channel, EventChannel, FetchState, Route
from workflows.selectors import active_task
from workflows.services.events import move, record_event
from workflows.services.filling import store_upload
from workflows.services.numbering import next_case_number
from workflows.services.steps import complete_step

CONSENT_DAYS = 30


def _item_for(service_code: str) -> ServiceItem:
    item = public_service_item(code=(service_code or "").strip())
    if item is None:
        raise CaseNotFound(f"没有正在实施的事项“{service_code}”，请从办事指南中选择事项")
    return item


def _ensure_applicant(user: User, item: ServiceItem) -> None:
    if not getattr(user, "holder_code", ""):
        raise NotAllowed("请先完成实名核验，再申请办理事项")
    is_person = user.holder_code_type == HOLDER_CODE_CITIZEN
    if item.applicant_kind == ApplicantKind.PERSON and not is_person:
        raise CaseRefused(f"“{item.name}”面向自然人办理，请以个人身份登录申请")
    if item.applicant_kind == ApplicantKind.ENTERPRISE and is_person:
        raise CaseRefused(f"“{item.name}”面向法人办理，请以企业经办人身份登录申请")


def preview_materials(
    *, service_code: str, user: User, answers: dict | None = None, channel: str = Channel.ONLINE
) -> dict:
    """我需要准备什么: the resolution for this applicant, without starting anything."""
    item = _item_for(service_code)
    _ensure_applicant(user, item)
    resolution = rules.resolve(
        service_code=item.code, holder_code=user.holder_code, answers=answers or {}, channel=channel
    )
    kinds = dict(
        LicenseType.objects.filter(
            code__in=[m["license_type"] for m in resolution["materials"] if m["license_type"]]
        ).values_list("code", "holder_kind")
    )
    for material in resolution["materials"]:
        if (
            material["mode"] == "auto"
            and material["license_type"]
            and not _holder_kind_matches(kinds.get(material["license_type"]), user.holder_code_type)
        ):
            material.update(
                mode="upload", mode_label="上传电子材料", reason=_kind_mismatch_reason(material["name"])
            )
    return {
        "service": {"code": item.code, "name": item.name, "version": item.version},
        "materials": resolution["materials"],
        "route": resolution["route"],
        "fee": str(item.fee),
        "fee_exempt": resolution["fee_exempt"],
        "promised_days": item.promised_days,
        "trace": resolution["trace"],
    }


def _holder_kind_matches(holder_kind: str | None, code_type: str) -> bool:
    return holder_kind is None or (holder_kind == "person") == (code_type == HOLDER_CODE_CITIZEN)


def _kind_mismatch_reason(name: str) -> str:
    return f"{name}的持证人与申请主体不是同一类（自然人/法人），系统不能以申请主体的名义调取，请上传"


def _department_for(resolution: dict, item: ServiceItem) -> Department:
    wanted = (resolution.get("route") or {}).get("department") or {}
    department = Department.objects.filter(uscc=wanted.get("uscc")).first() if wanted.get("uscc") else None
    department = department or item.department
    if department is None:
        raise CaseRefused(f"“{item.name}”没有设置实施部门，暂不能申请，请联系事项管理部门")
    return department


def start_case(
    *,
    service_code: str,
    applicant: User,
    answers: dict | None = None,
    channel: str = Channel.ONLINE,
    window_handler: User | None = None,
) -> Case:
    """Resolve the materials for this applicant, pin the item and ruleset versions, and start the flow."""
    from workflows.flows import flow_for  # flows import the services

    if channel not in Channel.values:
        raise CaseInputInvalid("办理渠道只能是网上办理或窗口办理")
    item = _item_for(service_code)
    _ensure_applicant(applicant, item)
    resolution = rules.resolve(
        service_code=item.code, holder_code=applicant.holder_code, answers=answers or {}, channel=channel
    )
    version = resolution["service"]["version"]
    pinned = item if item.version == version else ServiceItem.objects.get(code=item.code, version=version)
    department = _department_for(resolution, pinned)
    fields = {
        "number": next_case_number(service_code=pinned.code, day=timezone.localdate()),
        "service_item": pinned,
        "service_code": pinned.code,
        "ruleset_version": resolution["ruleset"]["version"],
        "ruleset_hash": resolution["ruleset"]["spec_hash"],
        "resolution": resolution,
        "answers": answers or {},
        "route": resolution["route"]["route"],
        "fee_exempt": resolution["fee_exempt"],
        "applicant": applicant,
        "holder_code": applicant.holder_code,
        "holder_code_type": applicant.holder_code_type,
        "holder_name": _holder_name(applicant),
        "agent_name": applicant.real_name if applicant.holder_code_type != HOLDER_CODE_CITIZEN else "",
        "channel": channel,
        "window_handler": window_handler,
        "department": department,
        "state": CaseState.FILLING,
        "activity": "正在准备申请",
    }
    with transaction.atomic():
        return flow_for(pinned.code).start.run(fields=fields)


def _holder_name(user: User) -> str:
    if user.holder_code_type == HOLDER_CODE_CITIZEN:
        return user.real_name or user.username
    name = user.real_name or user.username
    # an enterprise agent's display name is "王五（某某公司经办人）"; the enterprise's name comes from its license

    version = (
        LicenseVersion.objects.filter(license__holder_code=user.holder_code, is_current=True)
        .order_by("-sealed_at")
        .first()
    )
    return version.holder_name if version else name


def register(*, case: Case) -> None:
    """Flow step after start: one CaseLicense per license type the resolution names, and the first event."""
    types = {
        t.code: t
        for t in LicenseType.objects.filter(
            code__in=[m["license_type"] for m in case.resolution["materials"] if m.get("license_type")]
        )
    }
    rows = []
    for material in case.resolution["materials"]:
        license_type = types.get(material.get("license_type") or "")
        if license_type is None:
            continue
        row = CaseLicense(
            case=case,
            license_type=license_type,
            mode=material["mode"],
            required=bool(material["required"]),
            rule_reason=str(material.get("reason") or "")[:300],
        )
        if material["mode"] == "auto":
            if _holder_kind_matches(license_type.holder_kind, case.holder_code_type):
                row.fetch_state = FetchState.PENDING
            else:
                row.fetch_state, row.fallback_reason = (
                    FetchState.FALLBACK,
                    _kind_mismatch_reason(license_type.name),
                )
        rows.append(row)
    CaseLicense.objects.bulk_create(rows)
    needs_consent = any(r.fetch_state == FetchState.PENDING for r in rows)
    channel = EventChannel.WINDOW if case.channel == Channel.WINDOW else EventChannel.ONLINE
    record_event(
        case=case,
        action="created",
        actor=case.window_handler or case.applicant,
        channel=channel,
        to_state=case.state,
        note=f"{case.service_item.name}，{'即时办结' if case.route == Route.INSTANT else '人工审查'}路径",
    )
    if needs_consent:
        move(
            case,
            to=CaseState.AWAITING_CONSENT,
            action="awaiting_consent",
            activity="等待申请人授权调取电子证照",
        )


def consent_fields(case: Case) -> tuple[dict[str, list[str]], int]:
    """The face fields the case's form needs per license type (data minimisation) and the grade they need."""

    wanted = {code: [] for code in case.auto_type_codes}
    schema = FormSchema.objects.filter(service_item=case.service_item).prefetch_related("fields").first()
    for form_field in schema.fields.all() if schema else []:
        if form_field.prefill_source.startswith("license:"):
            source = parse_source(form_field.prefill_source)
            if source.type_code in wanted and source.attribute not in wanted[source.type_code]:
                wanted[source.type_code].append(source.attribute)
    issued = case.service_item.issues_license_type
    if issued is not None and issued.code in wanted:  # a renewal copies the old face onto the new license
        wanted[issued.code] = list(issued.face_fields.values_list("key", flat=True))
    grades = {(f.license_type.code, f.key): f.sensitivity for f in _face_fields(wanted.keys())}
    # metadata (holder name, dates, number) is always disclosed; the consent covers face fields only
    wanted = {code: [key for key in keys if (code, key) in grades] for code, keys in wanted.items()}
    highest = max([grades[(code, key)] for code, keys in wanted.items() for key in keys] or [1])
    return wanted, highest


def _face_fields(codes):
    return FaceField.objects.filter(license_type__code__in=list(codes)).select_related("license_type")


def consent_purpose(case: Case) -> str:
    return f"办理“{case.service_item.name}”（办件编号 {case.number}）"


def consent_preview(*, case: Case) -> ConsentPreview:
    fields, grade = consent_fields(case)
    return preview_consent(
        holder_code=case.holder_code,
        type_codes=list(fields),
        purpose=consent_purpose(case),
        requested_fields=fields,
        max_sensitivity=grade,
    )


def answer_consent(*, case: Case, user: User, accept: bool, channel: str = EventChannel.ONLINE) -> Case:
    """The applicant (or the window handler, for a walk-in) authorises the preview's reads, or declines them."""

    task = active_task(case=case, node="consent")
    if task is None:
        raise CaseRefused("该办件当前不需要授权")
    with transaction.atomic():  # a consent is kept only if the step it answers completes
        _grant_and_continue(case=case, user=user, accept=accept, channel=channel, task=task)
    case.refresh_from_db()
    return case


def _grant_and_continue(*, case: Case, user: User, accept: bool, channel: str, task) -> None:
    consent: Consent | None = None
    if accept:
        fields, grade = consent_fields(case)
        consent = grant_consent(
            holder=case.applicant,
            grantee_department=case.department,
            type_codes=list(fields),
            purpose=consent_purpose(case),
            expires_at=timezone.now() + timedelta(days=getattr(settings, "CASE_CONSENT_DAYS", CONSENT_DAYS)),
            requested_fields=fields,
            max_sensitivity=grade,
            service_item=case.service_item,
            case_reference=case.number,
        )
    complete_step(case.flow_class.consent, task, consent=consent, actor=user, channel=channel)


def consent_recorded(
    *, case: Case, consent: Consent | None, actor: User | None = None, channel: str = EventChannel.ONLINE
) -> None:
    """Flow step: keep the consent on the case, or turn every license to be fetched into an upload."""
    case.consent = consent
    if consent is None:
        case.licenses.filter(fetch_state=FetchState.PENDING).update(
            fetch_state=FetchState.FALLBACK, fallback_reason="申请人未授权调取电子证照，请上传"
        )
    move(
        case,
        to=CaseState.VERIFYING,
        action="consent_given" if consent else "consent_declined",
        actor=actor,
        channel=channel,
        note=f"授权编号 {consent.reference}" if consent else "申请人选择自行上传材料",
        activity="正在调取并核验电子证照",
    )


def window_applicant(*, holder_code: str, real_name: str, handler: User) -> User:
    """The account a walk-in applicant's case belongs to: theirs if they have one, else one created at the
    window (identity checked against the ID card in person; no password until they activate it)."""
    code = (holder_code or "").strip().upper()
    try:
        code_type = guess_holder_code_type(code)
    except Exception as error:  # noqa: BLE001 — stdnum raises several kinds; the message is what matters
        raise CaseInputInvalid(f"证件号码无效：{getattr(error, 'messages', [str(error)])[0]}") from error
    existing = User.objects.filter(holder_code=code).order_by("id").first()
    if existing is not None:
        return existing
    if not (real_name or "").strip():
        raise CaseInputInvalid("首次到窗口办理的申请人，请填写其姓名（以身份证件为准）")
    user = User(
        username=f"holder-{code}",
        real_name=real_name.strip()[:50],
        holder_code=code,
        holder_code_type=code_type,
        holder_verified_at=timezone.now(),
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get(name="applicant"))
    record_event(
        case=None,
        action="window_account_created",
        actor=handler,
        channel=EventChannel.WINDOW,
        note=f"窗口为申请人 {user.masked_holder_code} 建立账号",
    )
    return user


WINDOW_CONSENT_KEY = "window:consent-form"


def record_window_consent_form(*, case: Case, user: User, uploaded_file) -> None:
    """At the window the applicant signs a paper consent; its scan is kept with the case before the grant."""

    if uploaded_file is None:
        raise CaseInputInvalid(
            "窗口办理须上传申请人签字的授权书扫描件",
            params=[{"name": "signed_form", "reason": "请上传签字的授权书"}],
        )
    store_upload(
        case=case,
        user=user,
        key=WINDOW_CONSENT_KEY,
        name="用证授权书（申请人签字）",
        uploaded_file=uploaded_file,
        channel=EventChannel.WINDOW,
    )


def start_window_case(
    *, handler: User, holder_code: str, real_name: str, service_code: str, answers: dict | None = None
) -> Case:
    """A window handler starts a case for a walk-in applicant; no account is left behind for a case that could not start."""
    with transaction.atomic():
        applicant = window_applicant(holder_code=holder_code, real_name=real_name, handler=handler)
        return start_case(
            service_code=service_code,
            applicant=applicant,
            answers=answers,
            channel=Channel.WINDOW,
            window_handler=handler,
        )
