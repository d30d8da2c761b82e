"""A background step for viewflow 2.4 open source (which has no Celery node).

``BackgroundHandle`` is a ``flow.Handle`` whose activation, instead of waiting, sends one Celery job
once the flow lock is released and the transaction committed. The job (``workflows.tasks.run_step``)
does the step's slow work — registry calls, PDF rendering — outside the flow lock, writing each
effect under a unique key, then completes the task with ``Flow.node.run(task)`` under the lock. A
job that finds its task no longer NEW (done by an earlier delivery) does nothing.
"""

import logging

from django.db import transaction
from viewflow.workflow import flow, lock
from viewflow.workflow.activation import Activation
from viewflow.workflow.nodes.handle import HandleActivation

logger = logging.getLogger("workflows")


def send_step(task_pk: int, *, countdown: float | None = None) -> None:
    from workflows.tasks import run_step  # tasks import the flows, which import this module

    options = {"countdown": countdown} if countdown else {}
    run_step.apply_async(args=[task_pk], **options)


class BackgroundActivation(HandleActivation):
    @Activation.status.super()
    def activate(self):
        task_pk = self.task.pk
        lock.after_lock_released(lambda: transaction.on_commit(lambda: send_step(task_pk)))


class BackgroundHandle(flow.Handle):
    """A step done by a Celery job: ``work(task)`` runs outside the lock, then ``func`` under it."""

    task_type = "JOB"
    activation_class = BackgroundActivation

    def __init__(self, work, func=None, **kwargs):
        super().__init__(func, **kwargs)
        self._work = work

    @property
    def work(self):
        return self._work
