"""好差评: one rating per decided case (the five levels of GB/T 39735) and the rectification a poor one opens."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RatingLevel(models.IntegerChoices):
    VERY_SATISFIED = 5, _("非常满意")
    SATISFIED = 4, _("满意")
    FAIRLY_SATISFIED = 3, _("基本满意")
    DISSATISFIED = 2, _("不满意")
    VERY_DISSATISFIED = 1, _("非常不满意")


POOR_LEVELS = (RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED)


class Rating(models.Model):
    case = models.OneToOneField(
        "workflows.Case", verbose_name=_("办件"), on_delete=models.CASCADE, related_name="rating"
    )
    level = models.PositiveSmallIntegerField(_("评价等级"), choices=RatingLevel.choices)
    comment = models.CharField(_("评价内容"), max_length=500, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评价人"), on_delete=models.PROTECT, related_name="+"
    )
    rated_at = models.DateTimeField(_("评价时间"), default=timezone.now)

    class Meta:
        verbose_name = _("好差评")
        verbose_name_plural = _("好差评")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.get_level_display()}"


class RectificationState(models.TextChoices):
    TO_VERIFY = "to_verify", _("待核实")
    RECTIFYING = "rectifying", _("整改中")
    CLOSED = "closed", _("已办结")
    APPEAL = "appeal", _("申诉复核")


class Rectification(models.Model):
    """A 差评 opens one item for the handling department, due in a configurable number of working days."""

    rating = models.OneToOneField(
        Rating, verbose_name=_("评价"), on_delete=models.CASCADE, related_name="rectification"
    )
    department = models.ForeignKey(
        "catalogs.Department",
        verbose_name=_("责任部门"),
        on_delete=models.PROTECT,
        related_name="rectifications",
    )
    state = models.CharField(
        _("整改状态"), max_length=12, choices=RectificationState.choices, default=RectificationState.TO_VERIFY
    )
    due_on = models.DateField(_("整改期限"))
    opened_at = models.DateTimeField(_("发起时间"), default=timezone.now)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("办结人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("整改说明"), blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("差评整改")
        verbose_name_plural = _("差评整改")
        indexes = [
            models.Index(fields=["department", "state", "due_on"], name="rectification_dept_state_due")
        ]

    def __str__(self) -> str:
        return f"{self.rating.case_id}: {self.get_state_display()}"
