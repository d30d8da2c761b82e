"""Celery jobs of cases. Every job is ``acks_late`` and idempotent: it checks the task's status first, and
its effects are written under unique keys, so a job delivered twice does its work once."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from viewflow import this
from viewflow.fsm import TransitionNotAllowed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from forms.models import DocumentKind
from workflows.models import Case
from workflows.nodes import send_step, task_with_case
from workflows.services.archiving import archive_case, archived
from workflows.services.documents import ensure_document
from workflows.services.fetching import retry_delay

logger = logging.getLogger("workflows.jobs")


def _retry_delay(task) -> float:
    if task.flow_task.name == "fetch":
        return retry_delay(case=task.process.coerced)
    return float(getattr(settings, "CASE_STEP_RETRY_SECONDS", 10))


@shared_task(name="workflows.run_step", acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def run_step(task_pk: int) -> str:
    """Do one background step: its work outside the flow lock, then complete the task under it."""
    task = task_with_case().filter(pk=task_pk).first()
    if task is None or task.status != STATUS.NEW:
        return "skipped"
    node = task.flow_task
    work = this.resolve(node.flow_class.instance, node.work)
    if not work(task):
        delay = _retry_delay(task)
        Task.objects.filter(pk=task_pk, status=STATUS.NEW).update(
            scheduled=timezone.now() + timedelta(seconds=delay)
        )
        # embedded (eager) mode has no worker to wait: a fetch tries again at once (its attempts are bounded)
        if not getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False) or node.name == "fetch":
            send_step(task_pk, countdown=delay)
        return "waiting"
    try:
        node.run(task)
    except TransitionNotAllowed:
        return "skipped"  # a concurrent delivery completed it first
    return "done"


@shared_task(name="workflows.sweep_background_steps", ignore_result=True)
def sweep_background_steps() -> int:
    """Re-send background steps stuck in NEW: a lost message, a worker killed before it acked, a retry due."""
    now = timezone.now()
    stale = now - timedelta(seconds=int(getattr(settings, "CASE_STEP_STALE_SECONDS", 120)))
    stuck = Task.objects.filter(flow_task_type="JOB", status=STATUS.NEW).filter(
        Q(scheduled__isnull=True, created__lt=stale) | Q(scheduled__lt=now)
    )
    count = 0
    for task_pk in stuck.values_list("pk", flat=True)[:500]:
        send_step(task_pk)
        count += 1
    if count:
        logger.info("workflows.sweep.resent count=%s", count)
    return count


@shared_task(
    name="workflows.issue_case_document", acks_late=True, reject_on_worker_lost=True, ignore_result=True
)
def issue_case_document(case_pk: int, kind: str, round_: int) -> str:
    """A document issued during a case (受理通知书 at acceptance, 一次性告知书 at a supplement request)."""

    case = Case.objects.filter(pk=case_pk).first()
    if case is None:
        return "skipped"
    slot = ensure_document(case=case, kind=kind, round_=round_)
    if slot is None and not getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        issue_case_document.apply_async(args=[case_pk, kind, round_], countdown=30)
        return "waiting"
    return "done"


@shared_task(
    name="workflows.archive_withdrawn", acks_late=True, reject_on_worker_lost=True, ignore_result=True
)
def archive_withdrawn(case_pk: int) -> str:
    """A case withdrawn after submission is archived with its application form."""

    case = Case.objects.filter(pk=case_pk).first()
    if case is None or case.archive_package_id:
        return "skipped"
    if ensure_document(case=case, kind=DocumentKind.APPLICATION_FORM, round_=0) is None:
        if not getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
            archive_withdrawn.apply_async(args=[case_pk], countdown=30)
        return "waiting"
    archive_case(case=case)
    archived(case=case)
    return "done"
