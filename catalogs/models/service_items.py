"""Service items (政务服务事项), versioned like Open Zaak's concept/publish.

A row is one *version* of an item (``code`` + ``version``). Drafts are editable and invisible to
the public. Publishing freezes a version and gives it a validity window
``[valid_from, valid_until)``; the windows of one code's published versions never overlap.
Editing a published version means creating a new draft version (``catalogs.services``).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogs.versioning import VersionedModel, VersionStatus

SERVICE_CODE_RE = re.compile(r"^[0-9A-Z][0-9A-Z-]{5,63}$")


def validate_service_code(value: str) -> None:
    if not SERVICE_CODE_RE.match(value or ""):
        raise ValidationError("事项编码只能由数字、大写字母和“-”组成，6至64位", code="service_code")


class ServiceItemKind(models.TextChoices):
    LICENSING = "licensing", _("行政许可")
    CONFIRMATION = "confirmation", _("行政确认")
    BENEFIT = "benefit", _("行政给付")
    PUBLIC_SERVICE = "public_service", _("公共服务")
    OTHER = "other", _("其他行政权力")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ENTERPRISE = "enterprise", _("法人")
    BOTH = "both", _("自然人和法人")


ServiceItemStatus = VersionStatus


class ServiceItem(VersionedModel):
    code = models.CharField(_("事项编码"), max_length=64, validators=[validate_service_code], db_index=True)

    name = models.CharField(_("事项名称"), max_length=200)
    department = models.ForeignKey(
        "catalogs.Department",
        verbose_name=_("实施部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_items",
    )
    kind = models.CharField(
        _("事项类型"), max_length=20, choices=ServiceItemKind.choices, default=ServiceItemKind.PUBLIC_SERVICE
    )
    applicant_kind = models.CharField(
        _("服务对象"), max_length=12, choices=ApplicantKind.choices, default=ApplicantKind.PERSON
    )
    promised_days = models.PositiveSmallIntegerField(
        _("承诺时限（工作日）"),
        default=1,
        help_text=_("本地承诺的办结时限，自受理次日起按工作日计算；0 表示即办"),
    )
    statutory_days = models.PositiveSmallIntegerField(
        _("法定时限（工作日）"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("法律法规规定的办结时限；留空表示没有法定时限。承诺时限不能超过法定时限"),
    )
    legal_basis = models.TextField(_("设定依据"), blank=True)
    fee = models.DecimalField(_("收费标准（元）"), max_digits=10, decimal_places=2, default=0)
    issues_license_type = models.ForeignKey(
        "catalogs.LicenseType",
        verbose_name=_("办结出证"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_by_items",
    )
    retention_years = models.PositiveSmallIntegerField(
        _("档案保管期限（年）"), default=30, help_text=_("0 表示永久")
    )

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("政务服务事项")
        verbose_name_plural = _("政务服务事项")
        permissions = [("publish_serviceitem", "可以发布政务服务事项")]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="service_item_code_version_unique"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(status="draft"), name="service_item_one_draft_per_code"
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(status="published", valid_until__isnull=True),
                name="service_item_one_open_published_per_code",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_from__isnull=False, valid_until__gt=models.F("valid_from")),
                name="service_item_validity_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(valid_from__isnull=False),
                name="service_item_published_has_valid_from",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(statutory_days__isnull=True)
                | models.Q(promised_days__lte=models.F("statutory_days")),
                name="service_item_published_promise_within_statutory",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.code} v{self.version}）"

    def deadline_problem(self) -> str | None:
        """Why the promised limit is not allowed next to the statutory one (None when it is)."""
        if (
            self.statutory_days is None
            or self.promised_days is None
            or self.promised_days <= self.statutory_days
        ):
            return None
        return (
            f"承诺时限（{self.promised_days} 个工作日）不能超过法定时限（{self.statutory_days} 个工作日）："
            "请缩短承诺时限或核对法定时限。"
        )

    def clean(self) -> None:
        # drafts too: a policy officer should hear about it when typing it, not only when publishing
        problem = self.deadline_problem()
        if problem:
            raise ValidationError({"promised_days": problem})


class QuestionType(models.TextChoices):
    BOOL = "bool", _("是/否")
    INT = "int", _("整数")
    DECIMAL = "decimal", _("金额")
    DATE = "date", _("日期")
    CHOICE = "choice", _("单选")
    TEXT = "text", _("文本")


class Question(models.Model):
    """A question the applicant answers (e.g. 是否曾经离婚); rules read the answers as facts."""

    service_item = models.ForeignKey(
        ServiceItem, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="questions"
    )
    key = models.SlugField(_("标识"), max_length=50, help_text=_("英文小写标识，规则中引用"))
    label = models.CharField(_("问题"), max_length=200)
    answer_type = models.CharField(_("答案类型"), max_length=10, choices=QuestionType.choices)
    choices = models.JSONField(_("可选值"), default=list, blank=True)
    required = models.BooleanField(_("必答"), default=True)
    help_text = models.CharField(_("说明"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["service_item", "position", "id"]
        verbose_name = _("申请人问题")
        verbose_name_plural = _("申请人问题")
        constraints = [
            models.UniqueConstraint(fields=["service_item", "key"], name="question_key_unique_per_item")
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.answer_type == QuestionType.CHOICE:
            if (
                not isinstance(self.choices, list)
                or len(self.choices) < 2
                or not all(isinstance(c, str) and c for c in self.choices)
            ):
                raise ValidationError({"choices": "单选题至少需要两个可选值"})
            if len(set(self.choices)) != len(self.choices):
                raise ValidationError({"choices": "可选值不能重复"})
        elif self.choices:
            raise ValidationError({"choices": "只有单选题可以设置可选值"})


class MaterialMode(models.TextChoices):
    AUTO = "auto", _("免提交（电子证照自动调取）")
    UPLOAD = "upload", _("上传电子材料")
    PAPER = "paper", _("提交纸质材料")
    EXEMPT = "exempt", _("免于提交")


class MaterialRequirement(models.Model):
    """One line of a service item's material list (用证清单): a license type or a free-text material."""

    service_item = models.ForeignKey(
        ServiceItem, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="materials"
    )
    license_type = models.ForeignKey(
        "catalogs.LicenseType",
        verbose_name=_("证照类型"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="material_requirements",
    )
    material_name = models.CharField(
        _("材料名称"), max_length=200, blank=True, help_text=_("非证照类材料填写名称")
    )
    default_mode = models.CharField(
        _("默认提交方式"), max_length=10, choices=MaterialMode.choices, default=MaterialMode.AUTO
    )
    required = models.BooleanField(_("必要"), default=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["service_item", "position", "id"]
        verbose_name = _("材料")
        verbose_name_plural = _("材料清单")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(license_type__isnull=False) & models.Q(material_name=""))
                | (models.Q(license_type__isnull=True) & ~models.Q(material_name="")),
                name="material_is_license_xor_free_text",
            ),
            models.UniqueConstraint(
                fields=["service_item", "license_type"],
                condition=models.Q(license_type__isnull=False),
                name="material_license_type_once_per_item",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.license_type.name if self.license_type_id else self.material_name

    def clean(self) -> None:
        if bool(self.license_type_id) == bool(self.material_name):
            raise ValidationError("每条材料要么选择一种证照类型，要么填写材料名称（二者选一）")
        if not self.license_type_id and self.default_mode == MaterialMode.AUTO:
            raise ValidationError({"default_mode": "非证照类材料无法自动调取，请选择上传或纸质"})
