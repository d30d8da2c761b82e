"""The case's event log: every transition, and every refused attempt (for the auditor)."""

import logging
from functools import cache

from accounts.models import User
from workflows.models import Case, CaseEvent, EventChannel

logger = logging.getLogger("workflows")


def actor_label(user: User) -> str:
    if user is None:
        return "系统"
    return (getattr(user, "real_name", "") or getattr(user, "username", ""))[:100]


def record_event(
    *,
    case: Case | None,
    action: str,
    actor: User | None = None,
    channel: str = EventChannel.SYSTEM,
    from_state: str = "",
    to_state: str = "",
    note: str = "",
    refused: bool = False,
) -> CaseEvent:
    event = CaseEvent.objects.create(
        case=case,
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=actor_label(actor),
        channel=channel,
        from_state=from_state,
        to_state=to_state or (case.state if case and not refused else ""),
        note=note[:500],
        refused=refused,
    )
    level = logging.WARNING if refused else logging.INFO
    logger.log(
        level,
        "workflows.case.%s case=%s state=%s refused=%s",
        action,
        getattr(case, "number", "-"),
        event.to_state,
        refused,
    )
    return event


@cache
def _case_columns() -> tuple[tuple[str, str], ...]:
    return tuple((f.name, f.attname) for f in Case._meta.local_concrete_fields if not f.primary_key)


def case_columns(case: Case) -> list[str]:
    """The case's own loaded columns: not viewflow's ``Process`` row under it, which viewflow saves itself
    whenever it changes it (start, end, cancel), and not a deferred column (as a whole-row save skips it)."""
    deferred = case.get_deferred_fields()
    return [name for name, attname in _case_columns() if attname not in deferred]


def move(
    case: Case,
    *,
    to: str,
    action: str,
    actor: User | None = None,
    channel: str = EventChannel.SYSTEM,
    note: str = "",
    activity: str = "",
) -> CaseEvent:
    """Set the case's state (and what it is doing now), save it and log the transition."""
    before = case.state
    case.state = to
    case.activity = activity[:200]
    case.save(update_fields=case_columns(case))  # every column of the case, not the process row under it
    return record_event(
        case=case, action=action, actor=actor, channel=channel, from_state=before, to_state=to, note=note
    )
