"""Celery job of impact runs (idempotent: a second delivery finds the run taken and returns)."""

from celery import shared_task


@shared_task(name="impact.run_impact", acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def run_impact_task(run_pk: int) -> str:
    from impact.services import run_impact

    return run_impact(run_pk=run_pk)
