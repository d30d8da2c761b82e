"""Who heads a department (部门负责人): they see their own department's statistics, overdue cases and
rectifications. A mark beside the user, so the roles of accounts.roles stay as they are."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DepartmentHead(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="heads_department",
    )
    department = models.ForeignKey(
        "catalogs.Department", verbose_name=_("负责的部门"), on_delete=models.CASCADE, related_name="heads"
    )
    since = models.DateField(_("任职起始"), auto_now_add=True)

    class Meta:
        verbose_name = _("部门负责人")
        verbose_name_plural = _("部门负责人")
        permissions = [("view_all_statistics", "可以查看全部部门的监管统计")]

    def __str__(self) -> str:
        return f"{self.user} · {self.department}"
