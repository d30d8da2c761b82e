"""Who may see which department's figures: everything for auditors and supervisors, one department for its head."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from supervision.models import DepartmentHead


@dataclass(frozen=True)
class Scope:
    department_id: int | None  # None: every department

    @property
    def everything(self) -> bool:
        return self.department_id is None


def sees_everything(user) -> bool:
    return (
        user.is_superuser
        or user.has_perm("supervision.view_all_statistics")
        or user.has_perm("workflows.supervise_case")
    )


def scope_of(user) -> Scope:
    """The departments ``user`` may see, or PermissionDenied with a message they can act on."""
    if not user.is_authenticated:
        raise PermissionDenied("请先登录")
    if sees_everything(user):
        return Scope(department_id=None)
    head = DepartmentHead.objects.filter(user=user).values_list("department_id", flat=True).first()
    if head is not None:
        return Scope(department_id=head)
    raise PermissionDenied("监管统计仅向监管人员和部门负责人开放；如您是部门负责人，请联系管理员登记")


def department_filter(scope: Scope, asked: int | None) -> int | None:
    """The department the figures are limited to: a head's own, whatever they ask for; a supervisor's choice."""
    if not scope.everything:
        return scope.department_id
    return asked
