"""Status changes: suspend (暂扣) / restore, revoke (吊销), cancel (注销), and the expiry job."""

import logging
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from licenses.errors import IllegalTransition
from licenses.models import ELicense, LicenseStatus, StatusAction

from .history import record_status_change
from .issuing import ensure_may_manage

logger = logging.getLogger("licenses.status")

S = LicenseStatus
TRANSITIONS = {
    StatusAction.SUSPENDED: ({S.VALID}, S.SUSPENDED),
    StatusAction.RESTORED: ({S.SUSPENDED}, S.VALID),
    StatusAction.REVOKED: ({S.VALID, S.SUSPENDED}, S.REVOKED),
    StatusAction.CANCELLED: ({S.VALID, S.SUSPENDED, S.EXPIRED}, S.CANCELLED),
    StatusAction.EXPIRED: ({S.VALID, S.SUSPENDED}, S.EXPIRED),
}


@transaction.atomic
def change_status(
    *, license: ELicense, action: str, actor: User | None = None, reason: str, at: datetime | None = None
) -> ELicense:
    allowed_from, target = TRANSITIONS[action]
    lic = ELicense.objects.select_for_update().select_related("issuer", "license_type").get(pk=license.pk)
    ensure_may_manage(actor=actor, issuer=lic.issuer)
    if not (reason or "").strip():
        raise IllegalTransition(f"{StatusAction(action).label}须填写原因")
    if lic.status not in allowed_from:
        raise IllegalTransition(f"证照状态为“{lic.get_status_display()}”，不能{StatusAction(action).label}")
    at = at or timezone.now()
    previous = lic.status
    lic.status = target
    lic.status_changed_at = at
    lic.save(update_fields=["status", "status_changed_at"])
    record_status_change(
        license=lic,
        version=lic.versions.filter(is_current=True).first(),
        action=action,
        from_status=previous,
        to_status=target,
        reason=reason.strip(),
        actor=actor,
        at=at,
    )
    logger.info("licenses.status.%s license=%s from=%s", action, lic.pk, previous)
    return lic


def suspend_license(*, license: ELicense, actor: User | None = None, reason: str) -> ELicense:
    return change_status(license=license, action=StatusAction.SUSPENDED, actor=actor, reason=reason)


def restore_license(*, license: ELicense, actor: User | None = None, reason: str) -> ELicense:
    return change_status(license=license, action=StatusAction.RESTORED, actor=actor, reason=reason)


def revoke_license(*, license: ELicense, actor: User | None = None, reason: str) -> ELicense:
    return change_status(license=license, action=StatusAction.REVOKED, actor=actor, reason=reason)


def cancel_license(*, license: ELicense, actor: User | None = None, reason: str) -> ELicense:
    return change_status(license=license, action=StatusAction.CANCELLED, actor=actor, reason=reason)


def expire_due_licenses(*, today: date | None = None) -> int:
    """Mark every valid or suspended license whose current version ended before ``today`` as expired.
    Idempotent; each license is changed in its own transaction so one failure does not block the rest."""
    today = today or timezone.localdate()
    due = ELicense.objects.filter(
        status__in=[S.VALID, S.SUSPENDED], versions__is_current=True, versions__valid_until__lt=today
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        try:
            change_status(
                license=ELicense(pk=pk), action=StatusAction.EXPIRED, reason="有效期届满（定时任务）"
            )
        except IllegalTransition:
            continue  # changed concurrently; the next run sees the new state
        count += 1
    logger.info("licenses.expiry.done expired=%s day=%s", count, today.isoformat())
    return count
