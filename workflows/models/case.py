"""The case (办件): one application for one service item version, run by ``workflows.flows.CaseFlow``.

``Case`` extends viewflow's ``Process`` (multi-table inheritance), so the flow's tasks point at it and
everything a list, a filter or a statistic needs is a real, indexed column here — never in ``data``.
viewflow's own ``status`` (NEW/DONE/CANCELED) is the engine's; ``state`` is the case's status as
applicants and handlers know it (待授权, 核验中 … 已归档).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from viewflow.workflow.models import Process

from archives.inputs import Decision  # the one definition: archives is below workflows


class CaseState(models.TextChoices):
    AWAITING_CONSENT = "awaiting_consent", _("待授权")
    VERIFYING = "verifying", _("核验中")
    FILLING = "filling", _("待填报")
    AWAITING_ACCEPTANCE = "awaiting_acceptance", _("待受理")
    IN_REVIEW = "in_review", _("审查中")
    SUPPLEMENT = "supplement", _("待补正")
    CONCLUDING = "concluding", _("办结中")
    APPROVED = "approved", _("准予")
    REJECTED = "rejected", _("不予")
    WITHDRAWN = "withdrawn", _("撤回")
    ARCHIVED = "archived", _("已归档")


# states in which a handler's task (acceptance, review, on-site inspection) is open
QUEUE_STATES = (CaseState.AWAITING_ACCEPTANCE, CaseState.IN_REVIEW)

# states in which the case is still before a decision (the applicant may withdraw, the clock may run)
OPEN_STATES = (
    CaseState.AWAITING_CONSENT,
    CaseState.VERIFYING,
    CaseState.FILLING,
    CaseState.AWAITING_ACCEPTANCE,
    CaseState.IN_REVIEW,
    CaseState.SUPPLEMENT,
)
# states in which the applicant is the one awaited
APPLICANT_STATES = (CaseState.AWAITING_CONSENT, CaseState.FILLING, CaseState.SUPPLEMENT)
# states in which the statutory clock runs (accepted, not suspended, not decided)
CLOCK_STATES = (CaseState.AWAITING_ACCEPTANCE, CaseState.IN_REVIEW)


class Channel(models.TextChoices):
    ONLINE = "online", _("网上办理")
    WINDOW = "window", _("窗口办理")


class Route(models.TextChoices):
    INSTANT = "instant", _("即时办结（秒批）")
    REVIEW = "review", _("人工审查")


class DeadlineFlag(models.TextChoices):
    """Set by the periodic job ``supervision.flag_deadlines`` on accepted, undecided cases (working days)."""

    NONE = "", _("正常")
    DUE_SOON = "due_soon", _("即将到期")
    OVERDUE = "overdue", _("已逾期")


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def overdue(self, *, on=None):
        """Accepted, undecided, past the promised due date (the date itself is still in time)."""
        on = on or timezone.localdate()
        return self.filter(state__in=CLOCK_STATES, due_on__lt=on)

    def due_soon(self, *, on=None, until=None):
        """Accepted, undecided, due between ``on`` and ``until`` (both inclusive)."""
        on = on or timezone.localdate()
        return self.filter(state__in=CLOCK_STATES, due_on__gte=on, due_on__lte=until or on)


def month_of(moment):
    """The first day of the local month of ``moment`` (the case's ``opened_month``)."""
    return timezone.localtime(moment).date().replace(day=1) if moment else None


class Case(Process):
    number = models.CharField(_("办件编号"), max_length=64, unique=True)
    service_item = models.ForeignKey(
        "catalogs.ServiceItem", verbose_name=_("事项版本"), on_delete=models.PROTECT, related_name="cases"
    )
    service_code = models.CharField(_("事项编码"), max_length=64, db_index=True)
    ruleset_version = models.PositiveIntegerField(_("规则集版本"))
    ruleset_hash = models.CharField(_("规则集摘要"), max_length=64)
    resolution = models.JSONField(
        _("材料判定结果"), help_text=_("rules.services.resolve 的结果，含事实与判定过程")
    )
    answers = models.JSONField(_("申请人回答"), default=dict, blank=True)
    route = models.CharField(_("办理路径"), max_length=10, choices=Route.choices)
    fee_exempt = models.BooleanField(_("免收费用"), default=False)

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人账号"), on_delete=models.PROTECT, related_name="cases"
    )
    holder_code = models.CharField(_("申请主体代码"), max_length=18, db_index=True)
    holder_code_type = models.CharField(_("代码类型"), max_length=3)
    holder_name = models.CharField(_("申请主体名称"), max_length=100)
    agent_name = models.CharField(
        pgettext_lazy("applicant's agent", "经办人"),
        max_length=100,
        blank=True,
        help_text=_("法人申请时代为办理的人员"),
    )
    channel = models.CharField(_("办理渠道"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    window_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("窗口受理人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="window_cases",
    )
    department = models.ForeignKey(
        "catalogs.Department", verbose_name=_("办理部门"), on_delete=models.PROTECT, related_name="cases"
    )

    state = models.CharField(_("办件状态"), max_length=20, choices=CaseState.choices, db_index=True)
    activity = models.CharField(
        _("当前进展"), max_length=200, blank=True, help_text=_("系统此刻在做什么或在等待什么")
    )
    consent = models.ForeignKey(
        "licenses.Consent",
        verbose_name=_("用证授权"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    filled_form = models.OneToOneField(
        "forms.FilledForm",
        verbose_name=_("申请表"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审查人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_cases",
    )
    supplement_round = models.PositiveSmallIntegerField(_("补正轮次"), default=0)
    supplement_items = models.JSONField(
        _("本轮补正材料"),
        default=list,
        blank=True,
        help_text=_("一次性告知的全部材料：[{key, name, reason}]"),
    )
    supplement_due_on = models.DateField(_("补正期限"), null=True, blank=True)

    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    due_on = models.DateField(_("承诺办结日期"), null=True, blank=True, db_index=True)
    statutory_due_on = models.DateField(_("法定办结日期"), null=True, blank=True)
    suspended_since = models.DateField(
        _("计时暂停自"), null=True, blank=True, help_text=_("等待补正期间不计时")
    )
    suspended_days = models.PositiveSmallIntegerField(_("已暂停工作日"), default=0)
    decided_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    decision = models.CharField(_("办理结果"), max_length=10, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField(_("决定理由"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("决定人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decided_cases",
    )
    issued_license = models.OneToOneField(
        "licenses.LicenseVersion",
        verbose_name=_("同步制发的证照"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_for_case",
    )
    archive_package = models.OneToOneField(
        "archives.ArchivePackage",
        verbose_name=_("归档信息包"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case",
    )
    opened_at = models.DateTimeField(
        _("申请时间"), default=timezone.now
    )  # local copy of Process.created, for indexes
    opened_month = models.DateField(
        _("申请月份"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("申请时间所在月的第一天（本地时区）"),
    )  # grouping by month without computing a date per row
    # Facts for supervision statistics (workflows.services.facts writes them; the statistics aggregate them in SQL)
    materials_fetched = models.PositiveSmallIntegerField(_("调取核验的证照数"), default=0)
    materials_uploaded = models.PositiveSmallIntegerField(_("上传的材料数"), default=0)
    materials_paper = models.PositiveSmallIntegerField(_("纸质提交的材料数"), default=0)
    fields_prefilled = models.PositiveSmallIntegerField(_("预填的表单字段数"), default=0)
    fields_typed = models.PositiveSmallIntegerField(_("手工填写的表单字段数"), default=0)
    decision_workdays = models.PositiveSmallIntegerField(
        _("受理至办结工作日"), null=True, blank=True, help_text=_("不含等待补正的工作日")
    )
    rating_level = models.PositiveSmallIntegerField(_("评价等级"), null=True, blank=True)
    rectification_open = models.BooleanField(_("差评整改未办结"), default=False)
    rectification_due_on = models.DateField(_("差评整改期限"), null=True, blank=True)
    deadline_flag = models.CharField(
        _("时限预警"), max_length=10, choices=DeadlineFlag.choices, default="", blank=True
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        indexes = [
            models.Index(fields=["department", "state", "due_on"], name="case_department_state_due"),
            models.Index(fields=["applicant", "-opened_at"], name="case_applicant_created"),
            models.Index(fields=["holder_code", "-opened_at"], name="case_holder_created"),
            models.Index(fields=["service_code", "-opened_at"], name="case_service_created"),
            models.Index(fields=["opened_at"], name="case_opened_at"),
            models.Index(fields=["deadline_flag", "department", "due_on"], name="case_deadline_department"),
            # the handler queue: a department's cases waiting for a handler, in due-date order, so its first
            # page reads 20 index entries instead of sorting every open task (bench/supervision_stats.py)
            models.Index(
                fields=["department", "due_on", "process_ptr"],
                condition=models.Q(state__in=QUEUE_STATES),
                name="case_queue_order",
            ),
        ]
        permissions = [
            ("review_case", "可以审查本部门的办件"),
            ("start_window_case", "可以在窗口代申请人发起办件"),
            ("supervise_case", "可以查看全部办件并处理差评整改"),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs):
        self.opened_month = month_of(self.opened_at)
        if kwargs.get("update_fields") is not None and "opened_at" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "opened_month"}
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def auto_type_codes(self) -> list[str]:
        """License types still to be fetched by the system (``auto`` and not already turned into uploads)."""
        return list(
            self.licenses.filter(fetch_state="pending")
            .order_by("id")
            .values_list("license_type__code", flat=True)
        )


class CaseCounter(models.Model):
    """The last sequence number used per service item and day; the row is locked to hand out numbers."""

    service_code = models.CharField(max_length=64)
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("办件编号序列")
        verbose_name_plural = _("办件编号序列")
        constraints = [models.UniqueConstraint(fields=["service_code", "day"], name="case_counter_unique")]

    def __str__(self) -> str:
        return f"{self.service_code}/{self.day}: {self.last}"
