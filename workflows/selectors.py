"""Reads of cases, each scoped to who asks: applicants their own (an enterprise agent their enterprise's),
handlers their department's, supervisors everything. Refused attempts are logged by the callers."""

from __future__ import annotations

from django.db.models import QuerySet
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import User
from workflows.auth import department_permission
from workflows.models import Case, DeadlineFlag
from workflows.models.case import QUEUE_STATES

ACTIVE = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


def is_supervisor(user: User) -> bool:
    return user.is_superuser or user.has_perm("workflows.supervise_case")


def is_handler(user: User) -> bool:
    return bool(user.department_id) and user.has_perm("workflows.review_case")


def cases_of_applicant(*, user: User) -> QuerySet[Case]:
    if not getattr(user, "holder_code", ""):
        return Case.objects.none()
    return Case.objects.filter(holder_code=user.holder_code)


def cases_of_department(*, user: User) -> QuerySet[Case]:
    if not is_handler(user):
        return Case.objects.none()
    return Case.objects.filter(department_id=user.department_id)


def cases_visible_to(*, user: User) -> QuerySet[Case]:
    """Every case this user may see: supervisors all; handlers their department's; applicants their own."""
    if is_supervisor(user):
        return Case.objects.all()
    if is_handler(user):
        return cases_of_department(user=user) | Case.objects.filter(window_handler=user)
    return cases_of_applicant(user=user)


def active_task(*, case: Case, node: str):
    """The case's open task at ``node`` (a name in the flow), or None."""
    return (
        Task.objects.filter(
            process_id=case.pk, status__in=ACTIVE, flow_task=getattr(case.flow_class, node, None)
        )
        .order_by("-id")
        .first()
    )


def open_tasks(*, case: Case) -> list[Task]:
    return list(Task.objects.filter(process_id=case.pk, status__in=ACTIVE).order_by("id"))


# the largest key a case can have: a bigger number in a URL is no case (and would overflow the database's integer)
MAX_CASE_PK = 2**63 - 1


def handler_queue_count(*, user: User, mine: bool = False, deadline: str = "") -> int:
    """How many tasks ``handler_queue`` lists, read from the cases' partial index alone: every case waiting for a
    handler (QUEUE_STATES) has exactly one open handler task, so at a million cases this counts ~13,000 index
    entries instead of joining them to viewflow's tasks (tests/workflows: the two counts agree)."""
    if mine:
        return handler_queue(user=user, mine=True, deadline=deadline).count()
    waiting = Case.objects.filter(state__in=QUEUE_STATES)
    if not user.is_superuser:
        if not is_handler(user):
            return 0
        waiting = waiting.filter(department_id=user.department_id)
    if deadline in (DeadlineFlag.OVERDUE, DeadlineFlag.DUE_SOON):
        waiting = waiting.filter(deadline_flag=deadline)
    return waiting.count()


def handler_queue(*, user: User, mine: bool = False, deadline: str = "") -> QuerySet[Task]:
    """The department's open review and inspection tasks (or only the user's own), with their cases, in one query;
    ``deadline`` ("overdue" or "due_soon") keeps only the cases the deadline job flagged so."""
    tasks = Task.objects.filter(
        flow_task_type="HUMAN",
        status__in=(STATUS.NEW, STATUS.ASSIGNED),
        process__case__state__in=QUEUE_STATES,  # with the department: the partial index case_queue_order
    )
    if not user.is_superuser:
        if not is_handler(user):
            return Task.objects.none()
        tasks = tasks.filter(
            owner_permission=department_permission(user.department_id),  # index task_open_human_by_permission
            process__case__department_id=user.department_id,
        )
    if mine:
        tasks = tasks.filter(owner=user)
    if deadline in (DeadlineFlag.OVERDUE, DeadlineFlag.DUE_SOON):
        tasks = tasks.filter(process__case__deadline_flag=deadline)
    return tasks.select_related(
        "process__case", "process__case__service_item", "process__case__department", "owner"
    ).order_by("process__case__due_on", "id")
