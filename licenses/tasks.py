"""Celery jobs of the license registry (idempotent, retried with backoff)."""

from celery import shared_task

from licenses.services import expire_due_licenses


@shared_task(name="licenses.expire_licenses", autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def expire_licenses_task() -> int:
    """Daily: mark licenses past their end date as expired (schedule it with celery beat at 00:10)."""
    return expire_due_licenses()
