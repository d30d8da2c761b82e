"""Withdrawing a case (撤回) before it is decided: the flow is cancelled; a submitted case is archived."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from viewflow.workflow.exceptions import FlowRuntimeError

from accounts.models import User
from workflows.errors import CaseRefused
from workflows.models import Case, CaseState, Decision, EventChannel
from workflows.services.events import move
from workflows.tasks import archive_withdrawn


def withdraw(*, case: Case, user: User, reason: str = "", channel: str = EventChannel.ONLINE) -> Case:
    with transaction.atomic(), case.flow_class.lock(case.pk):  # the flow lock first, as every step takes it
        case = Case.objects.get(pk=case.pk)
        if not case.is_open:
            raise CaseRefused(f"办件已{case.get_state_display()}，不能撤回")
        try:
            case.flow_class.instance.cancel(case)
        except FlowRuntimeError as error:
            raise CaseRefused("系统正在处理该办件（如核验证照），请稍后再撤回") from error
        case.refresh_from_db()
        case.decision, case.decided_at, case.decision_reasons = (
            Decision.WITHDRAWN,
            timezone.now(),
            (reason or "申请人撤回申请")[:2000],
        )
        case.suspended_since = None
        move(
            case,
            to=CaseState.WITHDRAWN,
            action="withdrawn",
            actor=user,
            channel=channel,
            note=case.decision_reasons,
            activity="已撤回" + ("，正在归档" if case.submitted_at else ""),
        )
        if case.submitted_at:
            case_pk = case.pk
            transaction.on_commit(lambda: archive_withdrawn.delay(case_pk))
    return case
