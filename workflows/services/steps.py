"""Completing a waiting step of the flow on a person's behalf, with viewflow's refusals in Chinese."""

from viewflow.fsm import TransitionNotAllowed
from viewflow.workflow.exceptions import FlowLockFailed

from workflows.errors import CaseRefused, TaskTaken


def complete_step(node, task, **kwargs):
    """``node.run(task)`` under the flow lock; a step already done (a double submit) or a lock held too long
    by someone else is answered with a message, not a 500."""
    if task is None:
        raise CaseRefused("办件当前不在这一步，请刷新后重试")
    try:
        return node.run(task, **kwargs)
    except TransitionNotAllowed as error:
        raise CaseRefused("这一步已经完成，请刷新查看办件的最新状态") from error
    except FlowLockFailed as error:
        raise TaskTaken("办件正在被处理，请稍后再试") from error
