import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogs.identifiers import check_uscc

LICENSE_TYPE_CODE_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}\d{3}$")


def validate_license_type_code(value: str) -> None:
    """Type code = the defining department's USCC + a 3-digit sequence number."""
    if not LICENSE_TYPE_CODE_RE.match(value or ""):
        raise ValidationError(
            "证照类型代码应为定义部门的统一社会信用代码加3位顺序号（共21位）", code="type_code"
        )
    try:
        check_uscc(value[:18])
    except ValidationError as error:
        raise ValidationError(f"证照类型代码中的{error.messages[0]}", code="type_code") from error


class HolderKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ENTERPRISE = "enterprise", _("法人")


class LicenseTypeStatus(models.TextChoices):
    ACTIVE = "active", _("使用中")
    RETIRED = "retired", _("已停用")


class LicenseType(models.Model):
    """An e-license type (证照类型) such as 居民身份证 or 营业执照."""

    code = models.CharField(
        _("证照类型代码"), max_length=21, unique=True, validators=[validate_license_type_code]
    )
    name = models.CharField(_("证照名称"), max_length=100)
    holder_kind = models.CharField(_("持证主体类别"), max_length=12, choices=HolderKind.choices)
    issuing_departments = models.ManyToManyField(
        "catalogs.Department", verbose_name=_("发证部门"), related_name="issued_license_types", blank=True
    )
    default_validity_years = models.PositiveSmallIntegerField(
        _("默认有效期（年）"), null=True, blank=True, help_text=_("留空表示长期有效")
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=LicenseTypeStatus.choices, default=LicenseTypeStatus.ACTIVE
    )
    description = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("证照类型")
        verbose_name_plural = _("证照类型")

    def __str__(self) -> str:
        return self.name

    @property
    def definer_uscc(self) -> str:
        return self.code[:18]

    @property
    def is_retired(self) -> bool:
        return self.status == LicenseTypeStatus.RETIRED


class FieldType(models.TextChoices):
    TEXT = "text", _("文本")
    INT = "int", _("整数")
    DECIMAL = "decimal", _("金额/小数")
    DATE = "date", _("日期")
    BOOL = "bool", _("是/否")
    CHOICE = "choice", _("选项")
    CITIZEN_ID = "citizen_id", _("居民身份证号码")
    USCC = "uscc", _("统一社会信用代码")


class FaceField(models.Model):
    """One typed field on a license's face (照面信息), with its sensitivity grade 1–4."""

    license_type = models.ForeignKey(
        LicenseType, verbose_name=_("证照类型"), on_delete=models.CASCADE, related_name="face_fields"
    )
    key = models.SlugField(_("字段标识"), max_length=50, help_text=_("英文小写标识，如 name、birth_date"))
    label = models.CharField(_("字段名称"), max_length=50)
    field_type = models.CharField(_("类型"), max_length=12, choices=FieldType.choices, default=FieldType.TEXT)
    choices = models.JSONField(_("可选值"), default=list, blank=True, help_text=_("仅“选项”类型：可选值列表"))
    required = models.BooleanField(_("必填"), default=True)
    sensitivity = models.PositiveSmallIntegerField(
        _("敏感级别"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("1 公开 · 2 一般 · 3 敏感 · 4 高度敏感"),
    )
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["license_type", "position", "id"]
        verbose_name = _("照面字段")
        verbose_name_plural = _("照面字段")
        constraints = [
            models.UniqueConstraint(fields=["license_type", "key"], name="face_field_key_unique"),
            models.CheckConstraint(
                condition=models.Q(sensitivity__gte=1, sensitivity__lte=4), name="face_field_sensitivity_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.license_type.name}·{self.label}"

    def clean(self) -> None:
        if self.field_type == FieldType.CHOICE:
            if (
                not isinstance(self.choices, list)
                or not self.choices
                or not all(isinstance(c, str) and c for c in self.choices)
            ):
                raise ValidationError({"choices": "“选项”类型必须给出至少一个可选值"})
        elif self.choices:
            raise ValidationError({"choices": "只有“选项”类型可以设置可选值"})
