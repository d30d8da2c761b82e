"""What happens to a case that someone must be told of, read from the case event log.

``case_event_saved`` (post_save of ``workflows.CaseEvent``) only queues ``handle_event`` on commit: the
messages are written after the case's transaction has committed, in their own, and a failure here is
logged and never reaches the case (``robust=True``).
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from notifications.models import Message, MessageKind
from notifications.services import notify
from workflows.models import Case, CaseEvent, CaseState, Channel, Decision

logger = logging.getLogger("notifications")

HANDLED = {
    "awaiting_consent",
    "supplement_requested",
    "concluded",
    "archived",
    "queued",
    "returned_to_reviewer",
}


def first_url(*candidates: tuple[str, list]) -> str:
    """The first of the named URLs that exists (pages of other apps may not be installed yet)."""
    for name, args in candidates:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return ""


def applicant_link(case: Case, page: str = "") -> str:
    """The portal page for what the applicant is asked to do (portal:consent, :supplement, :rate), else the
    case page, else 我的办件 — whichever the installed portal has."""
    pages = [(f"portal:{page}", [case.pk])] if page else []
    return first_url(*pages, ("portal:case", [case.pk]), ("portal:my-cases", []))


def handler_link(case: Case) -> str:
    return first_url(("workbench:case", [case.pk]), ("workbench:queue", []))


def department_handlers(department_id: int):
    """Active staff of the department who may review its cases (by role group or directly)."""
    perm = Q(groups__permissions__codename="review_case") | Q(user_permissions__codename="review_case")
    return (
        get_user_model()
        .objects.filter(department_id=department_id, is_active=True)
        .filter(perm)
        .distinct()
        .order_by("id")
    )


def case_event_saved(sender, instance: CaseEvent, created: bool, raw: bool = False, **kwargs) -> None:
    if not created or raw or instance.refused or instance.case_id is None or instance.action not in HANDLED:
        return
    event_pk = instance.pk
    transaction.on_commit(lambda: handle_event(event_pk), robust=True)


def handle_event(event_pk: int) -> None:
    """Write the messages an event calls for. Never raises: the case has committed and must not notice."""
    try:
        _handle_event(event_pk)
    except Exception:
        logger.exception("notifications.event.failed event=%s", event_pk)


def _handle_event(event_pk: int) -> None:
    event = CaseEvent.objects.filter(pk=event_pk).first()  # the case is read below, with what it needs
    if event is None:
        return  # the case's transaction was rolled back after all
    case = (
        Case.objects.select_related("service_item", "department", "applicant", "reviewer")
        .filter(pk=event.case_id)
        .first()
    )
    if case is None:
        return
    action = event.action
    if action == "awaiting_consent":
        consent_needed(case)
    elif action == "supplement_requested":
        supplement_requested(case)
    elif action == "concluded" and event.to_state in (CaseState.APPROVED, CaseState.REJECTED):
        decided(case)
    elif action == "archived" and event.to_state == CaseState.ARCHIVED:
        rating_invited(case)
    elif action == "queued":
        case_queued(case, event)
    elif action == "returned_to_reviewer":
        supplement_received(case)


def _about(case: Case) -> str:
    return f"您申请的“{case.service_item.name}”（办件编号 {case.number}）"


def consent_needed(case: Case) -> None:
    if case.channel == Channel.WINDOW:
        return  # the window handler records the consent the applicant gives in person
    names = "、".join(
        case.licenses.filter(fetch_state="pending").values_list("license_type__name", flat=True)
    )
    notify(
        recipient=case.applicant,
        kind=MessageKind.CONSENT_NEEDED,
        key=f"consent:{case.pk}",
        case=case,
        title="请授权调取电子证照",
        body=f"{_about(case)}需要您授权调取以下电子证照：{names}。"
        "授权后由系统自动调取核验，您无需再提交这些证照。",
        link=applicant_link(case, "consent"),
    )


def supplement_requested(case: Case) -> None:
    items = list(case.supplement_items or [])
    listed = "；".join(f"{n}. {i.get('name', '')}：{i.get('reason', '')}" for n, i in enumerate(items, 1))
    due = f"请于 {case.supplement_due_on:%Y年%m月%d日} 前" if case.supplement_due_on else "请尽快"
    notify(
        recipient=case.applicant,
        kind=MessageKind.SUPPLEMENT_REQUESTED,
        key=f"supplement:{case.pk}:{case.supplement_round}",
        case=case,
        title="请补正材料（一次性告知）",
        body=f"{_about(case)}需补正以下全部 {len(items)} 项材料：{listed}。{due}上传补正材料并重新提交。",
        link=applicant_link(case, "supplement"),
    )


def decided(case: Case) -> None:
    approved = case.decision == Decision.APPROVED
    if approved:
        issued = "，电子证照已同步发放到您的电子证照夹" if case.issued_license_id else ""
        body = f"{_about(case)}已办结，结果为准予{issued}。决定书可在办件详情中下载。"
    else:
        body = f"{_about(case)}已办结，结果为不予。理由：{case.decision_reasons}。决定书可在办件详情中下载。"
    notify(
        recipient=case.applicant,
        kind=MessageKind.DECIDED,
        key=f"decided:{case.pk}",
        case=case,
        title="办件已办结：" + ("准予" if approved else "不予"),
        body=body,
        link=applicant_link(case),
    )


def rating_invited(case: Case) -> None:
    if case.decision not in (Decision.APPROVED, Decision.REJECTED) or hasattr(case, "rating"):
        return
    notify(
        recipient=case.applicant,
        kind=MessageKind.RATING_INVITED,
        key=f"rating:{case.pk}",
        case=case,
        title="请对本次服务作出评价",
        body=f"{_about(case)}已办结归档。欢迎您对本次服务作出“好差评”，您的评价将用于改进政务服务。",
        link=applicant_link(case, "rate"),
    )


def case_queued(case: Case, event: CaseEvent) -> None:
    body = (
        f"“{case.service_item.name}”（办件编号 {case.number}，{case.get_channel_display()}）"
        f"已进入{case.department.name}待办，请及时认领受理。"
    )
    for handler in department_handlers(case.department_id):
        notify(
            recipient=handler,
            kind=MessageKind.CASE_QUEUED,
            key=f"queued:{event.pk}:{handler.pk}",
            case=case,
            title="新办件待受理",
            body=body,
            link=handler_link(case),
        )


def supplement_received(case: Case) -> None:
    if case.reviewer is None:
        return
    notify(
        recipient=case.reviewer,
        kind=MessageKind.SUPPLEMENT_RECEIVED,
        key=f"supplement-received:{case.pk}:{case.supplement_round}",
        case=case,
        title="补正材料已提交",
        body=f"“{case.service_item.name}”（办件编号 {case.number}）的申请人已提交第 {case.supplement_round} "
        "轮补正材料，办件已回到您的审查任务中。",
        link=handler_link(case),
    )


def due_soon(*, on: date | None = None, days: int = 1) -> int:
    """Tell whoever holds each case due within ``days`` (its reviewer, or the department's handlers while it
    waits in the queue); once per case, person and day."""
    on = on or timezone.localdate()
    created = 0
    cases = Case.objects.due_soon(on=on, until=on + timedelta(days=days)).select_related(
        "service_item", "department", "reviewer"
    )
    for case in cases:
        recipients = [case.reviewer] if case.reviewer_id else list(department_handlers(case.department_id))
        when = "今天" if case.due_on == on else f"{case.due_on:%Y年%m月%d日}"
        for handler in recipients:
            key = f"due-soon:{case.pk}:{on.isoformat()}:{handler.pk}"
            if Message.objects.filter(key=key).exists():
                continue
            notify(
                recipient=handler,
                kind=MessageKind.DUE_SOON,
                key=key,
                case=case,
                title="办件即将到期",
                body=f"“{case.service_item.name}”（办件编号 {case.number}）承诺办结日期为{when}，请及时办理。",
                link=handler_link(case),
            )
            created += 1
    return created
