"""好差评: one rating per decided case; a poor one opens a rectification for the department."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from workflows.errors import CaseInputInvalid, CaseRefused, NotAllowed
from workflows.models import (
    POOR_LEVELS,
    Case,
    CaseState,
    EventChannel,
    Rating,
    RatingLevel,
    Rectification,
    RectificationState,
)
from workflows.services import deadlines
from workflows.services.events import record_event

RATEABLE = (CaseState.APPROVED, CaseState.REJECTED, CaseState.ARCHIVED)


def rate_case(
    *, case: Case, user: User, level: int, comment: str = "", channel: str = EventChannel.ONLINE
) -> Rating:
    if case.state not in RATEABLE or not case.decision or case.decision == "withdrawn":
        raise CaseRefused("办件办结后才能评价")
    try:
        level = int(level)
    except (TypeError, ValueError):
        level = 0
    if level not in RatingLevel.values:
        raise CaseInputInvalid(
            "评价等级应为 1（非常不满意）至 5（非常满意）",
            params=[{"name": "level", "reason": "评价等级无效"}],
        )
    comment = (comment or "").strip()
    if level in POOR_LEVELS and not comment:
        raise CaseInputInvalid(
            "选择“不满意”或“非常不满意”时，请写明原因，便于整改",
            params=[{"name": "comment", "reason": "请写明不满意的原因"}],
        )
    try:
        with transaction.atomic():
            rating = Rating.objects.create(case=case, level=level, comment=comment[:500], rated_by=user)
            Case.objects.filter(pk=case.pk).update(rating_level=level)  # for supervision statistics
            if level in POOR_LEVELS:
                due_on = deadlines.rectification_deadline()
                Rectification.objects.create(rating=rating, department=case.department, due_on=due_on)
                Case.objects.filter(pk=case.pk).update(rectification_open=True, rectification_due_on=due_on)
            record_event(
                case=case, action="rated", actor=user, channel=channel, note=rating.get_level_display()
            )
    except IntegrityError as error:
        raise CaseRefused("每个办件只能评价一次") from error
    return rating


def close_rectification(
    *, rectification: Rectification, user: User, note: str, state: str = RectificationState.CLOSED
) -> Rectification:
    """A supervisor (or the department's handler, for their own department) records the outcome."""
    if not (
        user.has_perm("workflows.supervise_case")
        or (user.has_perm("workflows.review_case") and user.department_id == rectification.department_id)
    ):
        raise NotAllowed("您没有处理该整改事项的权限")
    if state not in RectificationState.values:
        raise CaseInputInvalid("整改状态无效")
    note = (note or "").strip()
    if not note:
        raise CaseInputInvalid(
            "请填写整改情况说明", params=[{"name": "note", "reason": "请填写整改情况说明"}]
        )
    with transaction.atomic():
        locked = Rectification.objects.select_for_update().get(pk=rectification.pk)
        if locked.state == RectificationState.CLOSED:
            raise CaseRefused("该整改事项已办结")
        locked.state, locked.note = state, note[:5000]
        if state == RectificationState.CLOSED:
            locked.closed_at, locked.closed_by = timezone.now(), user
        locked.save()
        Case.objects.filter(rating__rectification=locked).update(  # for supervision statistics
            rectification_open=locked.state != RectificationState.CLOSED
        )
    return locked
