"""Celery jobs of the license registry (idempotent, retried with backoff)."""

from celery import shared_task

from licenses.audit.checkpoints import checkpoint_dir, write_checkpoint
from licenses.gateway.revocations import push_revocations
from licenses.models import Consent
from licenses.services import expire_due_licenses


@shared_task(name="licenses.expire_licenses", autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def expire_licenses_task() -> int:
    """Daily: mark licenses past their end date as expired (schedule it with celery beat at 00:10)."""
    return expire_due_licenses()


@shared_task(
    name="licenses.push_pending_revocations", autoretry_for=(Exception,), retry_backoff=True, max_retries=5
)
def push_pending_revocations_task() -> int:
    """Every few minutes: tell partner nodes about revocations they could not be told at once.
    (This node refuses reads under a revoked consent immediately either way.) Returns how many remain."""
    remaining = 0
    for consent in Consent.objects.filter(origin_node__isnull=True, revoked_at__isnull=False).exclude(
        pending_remote_revocations=[]
    ):
        remaining += len(push_revocations(consent=consent))
    return remaining


@shared_task(name="licenses.audit_checkpoint", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def audit_checkpoint_task() -> int:
    """Hourly: append a signed checkpoint of the access-log chain (when AUDIT_CHECKPOINT_DIR is set). Returns its seq."""
    if checkpoint_dir() is None:
        return 0
    line = write_checkpoint()
    return line["seq"] if line else 0


@shared_task(name="licenses.run_audit_check")
def run_audit_check_task(kind: str, job_id: str) -> str:
    """An auditor's check started from the admin (see licenses.audit.checks); returns passed/failed."""
    from licenses.audit.checks import run_check  # cycle: licenses.audit.checks sends this task

    return run_check(kind=kind, job_id=job_id)["state"]
