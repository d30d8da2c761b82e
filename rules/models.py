"""Rulesets (用证规则集): one per service item code, versioned like the catalog.

A draft is edited in the admin as decision-table rows (``RuleRow``, each with typed
``RuleCondition``s) plus ``RuleTest``s. Publishing validates the table, runs its tests and
freezes the result as ``spec`` (self-contained JSON, see ``rules.table``); published versions
have non-overlapping validity windows and are never edited again. A case pins the version.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogs.models.service_items import validate_service_code
from catalogs.versioning import VersionedModel, VersionStatus
from rules.facts import OPERATORS
from rules.table import MODES, OUTCOME_LABELS, ROUTES


def _choices(labels: dict) -> list:
    """Model choices from the engine's label maps (Chinese, marked with gettext_noop there), translated on display."""
    return [(code, _(label)) for code, label in labels.items()]


RuleSetStatus = VersionStatus


class RuleSet(VersionedModel):
    service_code = models.CharField(
        _("事项编码"), max_length=64, validators=[validate_service_code], db_index=True
    )
    title = models.CharField(_("规则集说明"), max_length=200, blank=True)
    default_route = models.CharField(
        _("默认办理路径"),
        max_length=10,
        choices=_choices(ROUTES),
        default="review",
        help_text=_("没有任何“办理路径”规则行生效时采用"),
    )
    spec = models.JSONField(_("发布内容"), null=True, blank=True, editable=False)
    spec_hash = models.CharField(_("内容摘要（SHA-256）"), max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["service_code", "-version"]
        verbose_name = _("用证规则集")
        verbose_name_plural = _("用证规则集")
        permissions = [("publish_ruleset", _("可以发布用证规则集")), ("try_ruleset", _("可以试算用证规则"))]
        constraints = [
            models.UniqueConstraint(fields=["service_code", "version"], name="ruleset_code_version_unique"),
            models.UniqueConstraint(
                fields=["service_code"], condition=models.Q(status="draft"), name="ruleset_one_draft_per_code"
            ),
            models.UniqueConstraint(
                fields=["service_code"],
                condition=models.Q(status="published", valid_until__isnull=True),
                name="ruleset_one_open_published_per_code",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_from__isnull=False, valid_until__gt=models.F("valid_from")),
                name="ruleset_validity_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | (models.Q(valid_from__isnull=False) & models.Q(spec__isnull=False)),
                name="ruleset_published_is_frozen",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_code} 规则 v{self.version}"


class RuleRow(models.Model):
    """One row of the decision table: conditions (all must hold) → one outcome."""

    ruleset = models.ForeignKey(
        RuleSet, verbose_name=_("规则集"), on_delete=models.CASCADE, related_name="rows"
    )
    number = models.PositiveSmallIntegerField(_("序号"))
    priority = models.SmallIntegerField(
        _("优先级"), default=0, help_text=_("数值越大越优先；同一证照以优先级最高的生效行为准")
    )
    outcome = models.CharField(
        _("结果类型"), max_length=16, choices=_choices(OUTCOME_LABELS), default="requirement"
    )
    license_type = models.ForeignKey(
        "catalogs.LicenseType",
        verbose_name=_("证照类型"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    mode = models.CharField(_("提交方式"), max_length=10, choices=_choices(MODES), blank=True)
    route = models.CharField(_("办理路径"), max_length=10, choices=_choices(ROUTES), blank=True)
    department = models.ForeignKey(
        "catalogs.Department",
        verbose_name=_("办理部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("仅“办理路径”：留空为事项的实施部门"),
    )
    reason = models.CharField(_("理由（向申请人展示）"), max_length=300, blank=True)

    class Meta:
        ordering = ["ruleset", "number"]
        verbose_name = _("规则行")
        verbose_name_plural = _("规则行（决策表）")
        constraints = [models.UniqueConstraint(fields=["ruleset", "number"], name="rule_row_number_unique")]

    def __str__(self) -> str:
        return f"第{self.number}行"


class RuleCondition(models.Model):
    row = models.ForeignKey(
        RuleRow, verbose_name=_("规则行"), on_delete=models.CASCADE, related_name="conditions"
    )
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)
    fact = models.CharField(_("事实"), max_length=80)
    operator = models.CharField(_("运算符"), max_length=10, choices=_choices(OPERATORS))
    value = models.CharField(_("值"), max_length=500, blank=True, help_text=_("多个值用“、”分隔"))

    class Meta:
        ordering = ["row", "position", "id"]
        verbose_name = _("条件")
        verbose_name_plural = _("条件（须全部满足）")

    def __str__(self) -> str:
        return f"{self.fact} {self.get_operator_display()} {self.value}"


class RuleTest(models.Model):
    """A worked example policy staff expect the table to honour (facts → expected modes and route)."""

    ruleset = models.ForeignKey(
        RuleSet, verbose_name=_("规则集"), on_delete=models.CASCADE, related_name="tests"
    )
    name = models.CharField(_("测试名称"), max_length=100)
    applicant_kind = models.CharField(
        _("申请人类别"),
        max_length=12,
        choices=[("person", _("自然人")), ("enterprise", _("法人"))],
        default="person",
    )
    age = models.PositiveSmallIntegerField(_("年龄"), null=True, blank=True)
    sex = models.CharField(
        _("性别"), max_length=6, choices=[("male", _("男")), ("female", _("女"))], blank=True
    )
    region = models.CharField(_("行政区划代码"), max_length=6, blank=True)
    channel = models.CharField(
        _("办理渠道"),
        max_length=10,
        choices=[("online", _("网上办理")), ("window", _("窗口办理"))],
        default="online",
    )
    answers = models.TextField(
        _("问题回答"), blank=True, help_text=_("每行一个：问题标识=回答，如 previously_divorced=是")
    )
    licenses = models.TextField(
        _("持有证照"), blank=True, help_text=_("每行一个：证照名称=状态（有效、过期、吊销、注销、暂扣）")
    )
    expected_modes = models.TextField(
        _("期望的材料提交方式"), blank=True, help_text=_("每行一个：证照名称=免提交/上传/纸质/免于提交")
    )
    expected_route = models.CharField(_("期望办理路径"), max_length=10, choices=_choices(ROUTES), blank=True)
    expected_fee_exempt = models.BooleanField(_("期望减免收费"), null=True, blank=True)

    class Meta:
        ordering = ["ruleset", "id"]
        verbose_name = _("规则测试")
        verbose_name_plural = _("规则测试")

    def __str__(self) -> str:
        return self.name
