"""Impact runs (规则变更影响分析): a draft ruleset run over the stored facts of past cases.

``ImpactRun`` freezes the draft's spec as it was when the run was started (the draft may be edited while
the run works), the range of cases and the progress; ``ImpactRow`` is one case whose outcome would change.
Rows hold what policy staff need — the changes and the facts the rules read — and the holder only masked.
Nothing here points back into a case's data for writing: a run never changes a case.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RunState(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("分析中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class ChangeKind(models.TextChoices):
    MODE = "mode", _("材料提交方式变化")
    ROUTE = "route", _("办理路径变化")
    REQUIRED = "required", _("缺少必答问题")
    FEE = "fee", _("收费减免变化")
    OTHER = "other", _("理由或依据变化")
    REPLAY = "replay", _("原判定无法重放")


class ImpactRun(models.Model):
    ruleset = models.ForeignKey(
        "rules.RuleSet",
        verbose_name=_("规则集草稿"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    service_code = models.CharField(_("事项编码"), max_length=64, db_index=True)
    ruleset_version = models.PositiveIntegerField(_("草稿版本"))
    spec = models.JSONField(_("分析时的草稿内容"))
    spec_hash = models.CharField(_("草稿内容摘要"), max_length=64)
    days = models.PositiveSmallIntegerField(_("分析最近天数"))
    since = models.DateTimeField(_("办件申请时间自"))
    until = models.DateTimeField(_("办件申请时间至"))
    state = models.CharField(_("状态"), max_length=10, choices=RunState.choices, default=RunState.PENDING)
    processed = models.PositiveIntegerField(_("已分析办件"), default=0)
    total = models.PositiveIntegerField(_("办件总数"), default=0)
    totals = models.JSONField(_("汇总"), default=dict, blank=True)
    error = models.TextField(_("错误"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发起人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("最近进展"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("规则变更影响分析")
        verbose_name_plural = _("规则变更影响分析")
        constraints = [
            models.CheckConstraint(condition=models.Q(days__gte=1, days__lte=3660), name="impact_days_range"),
            models.CheckConstraint(
                condition=models.Q(processed__lte=models.F("total")), name="impact_processed_le_total"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_code} v{self.ruleset_version} · {self.days}天 · #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.state in (RunState.DONE, RunState.FAILED)

    @property
    def percent(self) -> int:
        if self.state == RunState.DONE:
            return 100
        return int(self.processed * 100 / self.total) if self.total else 0


class ImpactRow(models.Model):
    run = models.ForeignKey(ImpactRun, verbose_name=_("分析"), on_delete=models.CASCADE, related_name="rows")
    case = models.ForeignKey(
        "workflows.Case", verbose_name=_("办件"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    case_number = models.CharField(_("办件编号"), max_length=64)
    opened_at = models.DateTimeField(_("申请时间"))
    holder_name_masked = models.CharField(_("申请主体（脱敏）"), max_length=100, blank=True)
    holder_code_masked = models.CharField(_("主体代码（脱敏）"), max_length=18, blank=True)
    ruleset_version = models.PositiveIntegerField(_("原规则版本"))
    changes = models.JSONField(_("变化"), default=list, help_text=_("[{kind, subject, before, after}]"))
    facts = models.JSONField(_("规则读取的事实"), default=list, help_text=_("[[名称, 值]]，证件号码已脱敏"))
    mode_changed = models.BooleanField(_("材料方式变化"), default=False)
    route_changed = models.BooleanField(_("路径变化"), default=False)
    missing_required = models.BooleanField(_("缺少必答问题"), default=False)
    fee_changed = models.BooleanField(_("减免变化"), default=False)
    not_replayable = models.BooleanField(_("无法重放"), default=False)

    class Meta:
        ordering = ["opened_at", "id"]
        verbose_name = _("受影响的办件")
        verbose_name_plural = _("受影响的办件")
        indexes = [models.Index(fields=["run", "opened_at", "id"], name="impact_row_run_opened")]
        constraints = [models.UniqueConstraint(fields=["run", "case_number"], name="impact_row_case_once")]

    def __str__(self) -> str:
        return f"{self.case_number} ({self.run_id})"
