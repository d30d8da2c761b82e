"""A background step for viewflow 2.4 open source (which has no Celery node).

``BackgroundHandle`` is a ``flow.Handle`` whose activation, instead of waiting, sends one Celery job
once the flow lock is released and the transaction committed. The job (``workflows.tasks.run_step``)
does the step's slow work — registry calls, PDF rendering — outside the flow lock, writing each
effect under a unique key, then completes the task with ``Flow.node.run(task)`` under the lock. A
job that finds its task no longer NEW (done by an earlier delivery) does nothing.
"""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerUnavailable
from viewflow.workflow import flow, lock
from viewflow.workflow.activation import Activation
from viewflow.workflow.models import Task
from viewflow.workflow.nodes.handle import HandleActivation

logger = logging.getLogger("workflows")

# the task with its process and the case (``Case`` extends viewflow's ``Process``): one joined read
TASK_WITH_CASE = ("process__case",)


def task_with_case():
    return Task.objects.select_related(*TASK_WITH_CASE)


# a broker that does not answer: two quick retries, then the step is left to the beat sweep
PUBLISH_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}


def send_step(task_pk: int, *, countdown: float | None = None) -> bool:
    """Send the step's job; False when the broker cannot be reached. The step stays NEW and
    ``workflows.sweep_background_steps`` sends it again, so the request that committed the case never fails
    for it (the applicant would think the case lost and apply twice)."""
    from workflows.tasks import run_step  # tasks import the flows, which import this module

    options = {"countdown": countdown} if countdown else {}
    try:
        run_step.apply_async(args=[task_pk], retry=True, retry_policy=PUBLISH_RETRY, **options)
    except (BrokerUnavailable, OSError) as error:
        logger.warning("workflows.step.unsent task=%s error=%s (the sweep sends it again)", task_pk, error)
        return False
    return True


class BackgroundActivation(HandleActivation):
    @Activation.status.super()
    def activate(self):
        task_pk = self.task.pk
        lock.after_lock_released(lambda: transaction.on_commit(lambda: send_step(task_pk)))


class CaseHandle(flow.Handle):
    """``flow.Handle`` that, under the flow lock, reads the task, its process and the case in one query.

    viewflow's own wrapper refreshes the task (which drops its cached process) and then reads the process and,
    to coerce it, the case: three reads of the same rows per completed step. The lock is taken on the case's
    key as the task already carries it, so nothing is read before the lock either."""

    def _create_wrapper_function(self, origin_func, task):
        def func(**kwargs):
            with self.flow_class.lock(task.process_id):
                task.refresh_from_db(from_queryset=task_with_case())
                activation = self.activation_class(task)
                result = activation.run(origin_func, **kwargs)
                activation.execute()
                return result

        return func


class BackgroundHandle(CaseHandle):
    """A step done by a Celery job: ``work(task)`` runs outside the lock, then ``func`` under it."""

    task_type = "JOB"
    activation_class = BackgroundActivation

    def __init__(self, work, func=None, **kwargs):
        super().__init__(func, **kwargs)
        self._work = work

    @property
    def work(self):
        return self._work
