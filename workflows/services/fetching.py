"""Fetch and verify a case's licenses through the gateway, under the applicant's consent (background job).

For each license type to fetch: ``query`` finds the holder's licenses of that type at the node serving
their region, ``retrieve`` reads the consented face fields, ``verify`` checks seal, trust, status,
validity and that the holder is the applicant. Every call is logged by the gateway. A license that
fails a check falls back to upload with the failed check named; a node that does not answer leaves the
license waiting (等待证照核验) for the job to try again with backoff, and after
``CASE_FETCH_MAX_ATTEMPTS`` it falls back to upload too. Nothing here holds the flow lock.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from catalogs.models import Department
from licenses.consent import AccessBasis
from licenses.gateway import services as gateway
from workflows.models import Case, CaseLicense, FetchState
from workflows.services.events import record_event
from workflows.services.starting import consent_fields

logger = logging.getLogger("workflows.fetch")
VALID_FIRST = {"valid": 0, "suspended": 1, "expired": 2, "revoked": 3, "cancelled": 4}


def max_attempts() -> int:
    return int(getattr(settings, "CASE_FETCH_MAX_ATTEMPTS", 5))


def system_reader(department: Department) -> User:
    """The account the engine reads licenses with on behalf of ``department`` (never logs in).

    Created with its permission in one transaction: two workers fetching for the same department at once
    (the scale-out test saw it, 1 case in 200) must not find the account before it may use the gateway — the
    second one's insert waits for the first's commit and then reads the finished account.

    Once it exists (every fetch but a department's first) it is read with its department and permission
    check alone, outside a transaction: no write lock for a read."""
    existing = User.objects.select_related("department").filter(username=f"system-{department.uscc}").first()
    if existing is not None and existing.has_perm("licenses.use_gateway"):
        return existing
    with transaction.atomic():
        user, created = User.objects.get_or_create(
            username=f"system-{department.uscc}",
            defaults={
                "real_name": f"免证办系统（{department.name}）",
                "department": department,
                "is_active": True,
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.user_permissions.add(_gateway_permission())
    user = User.objects.get(pk=user.pk)  # fresh permission cache
    if not user.has_perm("licenses.use_gateway"):  # left without it by the race above, before this fix
        with transaction.atomic():
            User.objects.select_for_update().get(pk=user.pk)
            user.user_permissions.add(_gateway_permission())
        user = User.objects.get(pk=user.pk)
    return user


def _gateway_permission() -> Permission:
    return Permission.objects.get(content_type__app_label="licenses", codename="use_gateway")


def _basis(case: Case) -> AccessBasis:
    return AccessBasis(purpose=case.consent.purpose, consent=case.consent, case_reference=case.number)


def _report_of(result) -> dict:
    data = result.data or {}
    return (
        data.get("verification")
        or (data.get("document") if "checks" in (data.get("document") or {}) else {})
        or {}
    )


def _failed_check(report: dict) -> str:
    for check in report.get("checks", []):
        if not check.get("ok", True):
            return str(check.get("message") or "")
    return ""


def _fallback(row: CaseLicense, reason: str) -> None:
    row.fetch_state, row.fallback_reason, row.verified = FetchState.FALLBACK, reason[:300], False


def _waiting(row: CaseLicense, message: str) -> None:
    row.gateway_status, row.gateway_message = "unavailable", message[:300]
    if row.attempts >= max_attempts():
        _fallback(row, f"证照库暂时无法访问（已尝试 {row.attempts} 次），请上传{row.license_type.name}")
    else:
        row.fetch_state = FetchState.WAITING


def _fetch_one(row: CaseLicense, *, case: Case, basis: AccessBasis, reader: User, fields: list[str]) -> None:
    name = row.license_type.name
    row.attempts += 1
    row.last_attempt_at = timezone.now()
    found = gateway.query(
        holder_code=case.holder_code,
        type_code=row.license_type.code,
        basis=basis,
        user=reader,
        holder_code_type=case.holder_code_type,
    )
    if found.status == "unavailable":
        return _waiting(row, found.message)
    if found.status != "ok" or not found.data.get("licenses"):
        row.gateway_status, row.gateway_message = found.status, found.message[:300]
        return _fallback(
            row,
            f"未查询到您名下的{name}，请上传"
            if found.status == "not-found"
            else f"{name}无法调取：{found.message}，请上传",
        )
    best = sorted(found.data["licenses"], key=lambda item: VALID_FIRST.get(str(item.get("status")), 9))[0]
    row.identifier = str(best.get("identifier", ""))[:120]
    read = gateway.retrieve(identifier=row.identifier, fields=fields, basis=basis, user=reader)
    row.gateway_status, row.gateway_message, row.source = read.status, read.message[:300], read.source[:100]
    if read.status == "unavailable":
        return _waiting(row, read.message)
    if read.status != "ok":
        return _fallback(row, f"{name}无法调取：{read.message or read.status}，请上传")
    row.payload = read.data.get("document") or {}
    checked = gateway.verify(
        identifier=row.identifier, basis=basis, user=reader, holder_code=case.holder_code
    )
    if checked.status == "unavailable":
        return _waiting(row, checked.message)
    row.report = _report_of(checked) or _report_of(read)
    row.verified = checked.status == "ok" and bool(checked.data.get("verified"))
    if row.verified:
        row.fetch_state, row.fallback_reason, row.gateway_status = FetchState.VERIFIED, "", "ok"
        return None
    label = row.report.get("result_label") or checked.message or "核验未通过"
    failed = _failed_check(row.report)
    return _fallback(
        row, f"{name}核验未通过（{label}{'：' + failed if failed and failed != label else ''}），请上传"
    )


def fetch_licenses(*, case: Case) -> bool:
    """Try every license still to fetch once; True when none is left waiting (all verified or fallen back)."""

    rows = list(
        case.licenses.select_related("license_type").filter(
            fetch_state__in=[FetchState.PENDING, FetchState.WAITING]
        )
    )
    if not rows:
        return True
    if case.consent is None:
        for row in rows:
            _fallback(row, "申请人未授权调取电子证照，请上传")
            row.save()
        return True
    fields, _grade = consent_fields(case)
    reader = system_reader(case.department)
    basis = _basis(case)
    for row in rows:
        try:
            _fetch_one(
                row, case=case, basis=basis, reader=reader, fields=fields.get(row.license_type.code, [])
            )
        except Exception as error:  # a bug or a broken answer must not lose the case: wait, then fall back
            logger.exception("workflows.fetch.failed case=%s type=%s", case.number, row.license_type.code)
            _waiting(row, f"调取时出错：{type(error).__name__}")
        with transaction.atomic():
            row.save()
    waiting = [row for row in rows if row.fetch_state == FetchState.WAITING]
    if waiting:
        attempt = max(row.attempts for row in waiting)
        Case.objects.filter(pk=case.pk).update(
            activity=f"等待证照核验：证照库暂时无法访问，第 {attempt} 次重试前等待"
        )
        record_event(
            case=case,
            action="fetch_waiting",
            note="、".join(f"{r.license_type.name}：{r.gateway_message}" for r in waiting),
        )
    return not waiting


def retry_delay(*, case: Case) -> float:
    """Seconds before the next try: exponential backoff from ``CASE_FETCH_RETRY_SECONDS``, capped."""
    attempts = max(
        case.licenses.filter(fetch_state=FetchState.WAITING).values_list("attempts", flat=True), default=1
    )
    base = float(getattr(settings, "CASE_FETCH_RETRY_SECONDS", 30))
    return min(
        base * (2 ** max(attempts - 1, 0)), float(getattr(settings, "CASE_FETCH_RETRY_MAX_SECONDS", 1800))
    )


def fetched(*, case: Case) -> None:
    """Flow step once every license is settled: log what was verified and what falls back to upload."""
    rows = list(case.licenses.select_related("license_type").exclude(fetch_state=FetchState.NOT_NEEDED))
    verified = [r.license_type.name for r in rows if r.fetch_state == FetchState.VERIFIED]
    fallen = [
        f"{r.license_type.name}（{r.fallback_reason}）" for r in rows if r.fetch_state == FetchState.FALLBACK
    ]
    note = f"核验通过：{'、'.join(verified) or '无'}；转为上传：{'、'.join(fallen) or '无'}"
    record_event(case=case, action="licenses_verified", note=note)
