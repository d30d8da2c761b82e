"""The handler's part: claim (受理), decide, or ask once for everything missing (一次性告知); and 秒批.

Every change of a task happens under the flow lock (``SELECT … FOR UPDATE`` on the case's process row
on PostgreSQL): of two handlers claiming at once, the second finds the task taken and is told by whom.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.status import STATUS

from accounts.models import User
from workflows.errors import CaseInputInvalid, CaseRefused, NotAllowed, TaskTaken
from workflows.models import Case, CaseState, Decision, EventChannel, SiteInspection
from workflows.selectors import active_task
from workflows.services import deadlines, facts
from workflows.services.events import actor_label, move, record_event
from workflows.services.steps import complete_step

DEFAULT_APPROVAL = "申请材料齐全，符合法定形式，经审查符合规定条件"
HANDLER_NODES = ("review", "inspection")


def _open_task(case: Case):
    for node in HANDLER_NODES:
        task = active_task(case=case, node=node)
        if task is not None:
            return task
    return None


class _TaskLock:
    """``task.activation()`` with viewflow's lock failure turned into a Chinese message."""

    def __init__(self, task):
        self.manager = task.activation()

    def __enter__(self):
        try:
            return self.manager.__enter__()
        except FlowLockFailed as error:
            raise TaskTaken("该办件正被其他人员处理，请稍后再试") from error

    def __exit__(self, *exc):
        return self.manager.__exit__(*exc)


def _handler_task(case: Case, user: User):
    task = _open_task(case)
    if task is None:
        raise CaseRefused(f"办件当前为“{case.get_state_display()}”，没有待处理的审查任务")
    return task


def claim(*, case: Case, user: User, channel: str = EventChannel.API) -> Case:
    """Take the case's open task; the first claim is the acceptance (受理) and starts the deadline clock."""
    task = _handler_task(case, user)
    with transaction.atomic(), _TaskLock(task) as activation:
        task = activation.task
        if task.owner_id == user.pk:
            return activation.process
        if task.owner_id:
            raise TaskTaken(f"该办件已由{actor_label(task.owner)}认领")
        if not activation.flow_task.can_assign(user, task):
            raise NotAllowed("该办件不属于您所在部门，不能认领")
        activation.assign(user)
        case = activation.process
        first = case.accepted_at is None
        deadlines.start_clock(case)
        case.reviewer = user
        note = f"受理，承诺办结日期 {case.due_on:%Y-%m-%d}" if first and case.due_on else "认领办件"
        activity = "现场核查" if task.flow_task.name == "inspection" else "审查中"
        move(
            case,
            to=CaseState.IN_REVIEW,
            action="accepted" if first else "claimed",
            actor=user,
            channel=channel,
            note=note,
            activity=activity,
        )
        if first:
            _issue_later(case, "acceptance_notice", 0)
    return case


def unclaim(*, case: Case, user: User, channel: str = EventChannel.API) -> Case:
    task = _handler_task(case, user)
    with transaction.atomic(), _TaskLock(task) as activation:
        if activation.task.owner_id != user.pk and not user.is_superuser:
            raise NotAllowed("只能退回自己认领的办件")
        activation.unassign()
        case = activation.process
        move(
            case,
            to=CaseState.AWAITING_ACCEPTANCE,
            action="unclaimed",
            actor=user,
            channel=channel,
            note="退回部门待办",
            activity="等待审批人员认领",
        )
    return case


def _finish_task(case: Case, user: User, *, node: str, apply) -> Case:
    task = active_task(case=case, node=node)
    if task is None:
        raise CaseRefused(f"办件当前为“{case.get_state_display()}”，不能执行该操作")
    with transaction.atomic(), _TaskLock(task) as activation:
        if activation.task.status != STATUS.ASSIGNED or activation.task.owner_id != user.pk:
            raise NotAllowed("请先认领该办件，再作出处理")
        case = activation.process
        apply(case)
        activation.start(None)
        activation.execute()
    case.refresh_from_db()
    return case


def _decide(case: Case, *, decision: str, reasons: str, user: User | None, at=None) -> None:
    case.decision, case.decision_reasons = decision, reasons
    case.decided_at, case.decided_by = at or timezone.now(), user
    facts.note_decision(case)


def approve(*, case: Case, user: User, note: str = "", channel: str = EventChannel.API) -> Case:
    def apply(case: Case) -> None:
        _decide(
            case,
            decision=Decision.APPROVED,
            reasons=(note or "").strip()[:2000] or DEFAULT_APPROVAL,
            user=user,
        )
        move(
            case,
            to=CaseState.CONCLUDING,
            action="approved",
            actor=user,
            channel=channel,
            note=case.decision_reasons,
            activity="正在出具决定书" + ("并制发证照" if case.service_item.issues_license_type_id else ""),
        )

    return _finish_task(case, user, node="review", apply=apply)


def reject(*, case: Case, user: User, reasons: str, channel: str = EventChannel.API) -> Case:
    reasons = (reasons or "").strip()
    if not reasons:
        raise CaseInputInvalid(
            "不予办理须写明理由", params=[{"name": "reasons", "reason": "请填写不予办理的理由"}]
        )

    def apply(case: Case) -> None:
        _decide(case, decision=Decision.REJECTED, reasons=reasons[:2000], user=user)
        move(
            case,
            to=CaseState.CONCLUDING,
            action="rejected",
            actor=user,
            channel=channel,
            note=reasons[:500],
            activity="正在出具决定书",
        )

    return _finish_task(case, user, node="review", apply=apply)


def _supplement_list(case: Case, items: list[dict]) -> list[dict]:
    from workflows.services.filling import materials  # cycle: filling imports review

    known = {m.key: m for m in materials(case)}
    clean, problems = [], []
    for index, item in enumerate(items or []):
        key = str((item or {}).get("key") or "").strip()
        reason = str((item or {}).get("reason") or "").strip()[:300]
        name = str((item or {}).get("name") or "").strip()[:200]
        if not reason:
            problems.append({"name": f"items[{index}].reason", "reason": "请说明需补正的原因"})
        if key in known:
            name = known[key].name
        elif key or not name:
            problems.append(
                {
                    "name": f"items[{index}].key",
                    "reason": "材料不在本办件的材料清单中；清单外的材料请填写名称",
                }
            )
        else:
            key = f"extra:{index}"
        clean.append({"key": key, "name": name, "reason": reason})
    if not clean:
        problems.append({"name": "items", "reason": "一次性告知须列明全部需补正的材料"})
    if problems:
        raise CaseInputInvalid("补正告知有误：" + "；".join(p["reason"] for p in problems), params=problems)
    return clean


def request_supplement(
    *, case: Case, user: User, items: list[dict], note: str = "", channel: str = EventChannel.API
) -> Case:
    """One notice listing everything missing; the clock stops until the applicant resubmits."""
    clean = _supplement_list(case, items)

    def apply(case: Case) -> None:
        case.supplement_round += 1
        case.supplement_items = clean
        case.supplement_due_on = deadlines.supplement_deadline()
        deadlines.suspend_clock(case)
        move(
            case,
            to=CaseState.SUPPLEMENT,
            action="supplement_requested",
            actor=user,
            channel=channel,
            note="一次性告知："
            + "；".join(f"{i['name']}（{i['reason']}）" for i in clean)
            + (f"。{note}" if note else ""),
            activity=f"等待申请人补正，补正期限 {case.supplement_due_on:%Y-%m-%d}",
        )
        _issue_later(case, "supplement_notice", case.supplement_round)

    return _finish_task(case, user, node="review", apply=apply)


def supplement_items(case: Case) -> list[dict]:
    return list(case.supplement_items or [])


def resubmit(*, case: Case, user: User, channel: str = EventChannel.ONLINE) -> Case:
    """The applicant's answer to the supplement notice: every listed material uploaded again."""
    from workflows.services.filling import missing_uploads  # cycle: filling imports review

    if case.state != CaseState.SUPPLEMENT:
        raise CaseRefused(f"办件当前为“{case.get_state_display()}”，不需要补正")
    missing = missing_uploads(case)
    if missing:
        raise CaseInputInvalid(
            "还有补正材料未上传：" + "、".join(m.name for m in missing),
            params=[{"name": m.key, "reason": f"请上传{m.name}"} for m in missing],
        )
    task = active_task(case=case, node="supplement")
    with transaction.atomic():
        complete_step(case.flow_class.supplement, task, actor=user, channel=channel)
    case.refresh_from_db()
    return case


def supplement_received(*, case: Case, actor: User | None = None, channel: str = EventChannel.ONLINE) -> None:
    deadlines.resume_clock(case)
    record_event(
        case=case,
        action="supplement_submitted",
        actor=actor,
        channel=channel,
        note=f"第 {case.supplement_round} 轮补正材料已提交",
    )
    case.save()


def review_opened(*, case: Case, task) -> None:
    """Flow hook: a review task exists — in the department's queue, or back with the handler after a supplement."""
    if task.owner_id:
        move(
            case,
            to=CaseState.IN_REVIEW,
            action="returned_to_reviewer",
            note=f"补正后退回{actor_label(task.owner)}审查",
            activity="审查中",
        )
    else:
        move(
            case,
            to=CaseState.AWAITING_ACCEPTANCE,
            action="queued",
            note=f"进入{case.department.name}待办",
            activity="等待审批人员认领",
        )


def inspection_opened(*, case: Case, task) -> None:
    move(
        case,
        to=CaseState.AWAITING_ACCEPTANCE,
        action="inspection_queued",
        note="需现场核查",
        activity="等待安排现场核查",
    )


def record_inspection(
    *, case: Case, user: User, passed: bool, note: str, channel: str = EventChannel.API
) -> Case:
    note = (note or "").strip()
    if not note:
        raise CaseInputInvalid(
            "请填写现场核查情况", params=[{"name": "note", "reason": "请填写现场核查情况"}]
        )

    def apply(case: Case) -> None:
        SiteInspection.objects.create(case=case, inspector=user, passed=passed, note=note[:5000])
        record_event(
            case=case,
            action="inspected",
            actor=user,
            channel=channel,
            note=("符合：" if passed else "不符合：") + note[:480],
        )

    return _finish_task(case, user, node="inspection", apply=apply)


def approve_instantly(*, case: Case) -> None:
    """Flow step of the instant path (秒批): accepted and approved by the system at once."""
    now = timezone.now()
    deadlines.start_clock(case, at=now)
    _decide(
        case,
        decision=Decision.APPROVED,
        reasons="申请材料经电子证照自动核验，符合即时办结条件，系统自动准予（秒批）",
        user=None,
        at=now,
    )
    move(
        case,
        to=CaseState.CONCLUDING,
        action="approved_instantly",
        note=case.decision_reasons,
        activity="正在出具决定书" + ("并制发证照" if case.service_item.issues_license_type_id else ""),
    )


def _issue_later(case: Case, kind: str, round_: int) -> None:
    # cycle: workflows.tasks imports the flows, which import these services
    from workflows.tasks import issue_case_document

    case_pk = case.pk
    transaction.on_commit(lambda: issue_case_document.delay(case_pk, kind, round_))
