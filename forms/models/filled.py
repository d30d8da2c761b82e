"""A filled-in form of one case, with the record of what was pre-filled and what the applicant changed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FilledFormStatus(models.TextChoices):
    DRAFT = "draft", _("填写中")
    SUBMITTED = "submitted", _("已提交")


class FilledForm(models.Model):
    schema = models.ForeignKey(
        "forms.FormSchema", verbose_name=_("表单"), on_delete=models.PROTECT, related_name="filled_forms"
    )
    reference = models.CharField(_("办件编号"), max_length=64, unique=True)
    holder_code = models.CharField(_("申请人代码"), max_length=18, db_index=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=FilledFormStatus.choices, default=FilledFormStatus.DRAFT
    )
    values = models.JSONField(_("填写内容"), default=dict, blank=True)
    prefilled = models.JSONField(
        _("预填字段"), default=dict, blank=True, help_text=_("字段 → 来源与证照标识")
    )
    locked = models.JSONField(_("只读字段"), default=list, blank=True)
    skipped = models.JSONField(_("未能预填的字段"), default=dict, blank=True, help_text=_("字段 → 原因"))
    edits = models.JSONField(_("预填值修改记录"), default=list, blank=True)
    prefilled_count = models.PositiveSmallIntegerField(_("预填字段数"), default=0)
    field_count = models.PositiveSmallIntegerField(_("字段总数"), default=0)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("已填表单")
        verbose_name_plural = _("已填表单")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(prefilled_count__lte=models.F("field_count")),
                name="filled_form_rate_at_most_one",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}（{self.schema}）"

    @property
    def prefill_rate(self) -> float:
        return self.prefilled_count / self.field_count if self.field_count else 0.0
