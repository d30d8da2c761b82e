"""Form schemas (申请表单): the typed fields an applicant fills in for one service item version.

A schema belongs to exactly one version of a service item, so it is versioned with it: while the
version is a draft, policy staff edit its fields; once the version is published the schema is frozen
(``forms.services.schemas`` refuses the edit) and a new draft version gets a copy.
Each field may name where its value comes from (``prefill_source``):
``license:<license type code>.<face field key>``, ``applicant.<attribute>`` or nothing.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from forms.prefill.sources import SourceError, parse_source


class FieldKind(models.TextChoices):
    TEXT = "text", _("单行文本")
    TEXTAREA = "textarea", _("多行文本")
    INT = "int", _("整数")
    DECIMAL = "decimal", _("金额/小数")
    DATE = "date", _("日期")
    BOOL = "bool", _("是/否")
    CHOICE = "choice", _("单选")
    CITIZEN_ID = "citizen_id", _("居民身份证号码")
    USCC = "uscc", _("统一社会信用代码")
    PHONE = "phone", _("手机号码")
    EMAIL = "email", _("电子邮箱")


class FormSchema(models.Model):
    service_item = models.OneToOneField(
        "catalogs.ServiceItem",
        verbose_name=_("事项版本"),
        on_delete=models.PROTECT,
        related_name="form_schema",
    )
    title = models.CharField(
        _("表单标题"), max_length=200, blank=True, help_text=_("留空时使用“事项名称＋申请表”")
    )
    instructions = models.TextField(_("填表说明"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("申请表单")
        verbose_name_plural = _("申请表单")

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or f"{self.service_item.name}申请表"

    @property
    def is_frozen(self) -> bool:
        return not self.service_item.is_draft


# what defines a field besides its schema and position: the API shows these, a copied schema keeps them
FIELD_DEFINITION = (
    "key",
    "label",
    "kind",
    "required",
    "help_text",
    "choices",
    "min_length",
    "max_length",
    "pattern",
    "pattern_message",
    "min_value",
    "max_value",
    "min_days_from_today",
    "max_days_from_today",
    "prefill_source",
    "editable_when_prefilled",
)


class FormField(models.Model):
    schema = models.ForeignKey(
        FormSchema, verbose_name=_("表单"), on_delete=models.CASCADE, related_name="fields"
    )
    key = models.SlugField(_("字段标识"), max_length=50, help_text=_("英文小写标识，如 applicant_name"))
    label = models.CharField(_("字段名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=12, choices=FieldKind.choices, default=FieldKind.TEXT)
    required = models.BooleanField(_("必填"), default=True)
    help_text = models.CharField(_("填写提示"), max_length=200, blank=True)
    choices = models.JSONField(_("可选值"), default=list, blank=True)
    min_length = models.PositiveSmallIntegerField(_("最少字数"), null=True, blank=True)
    max_length = models.PositiveSmallIntegerField(_("最多字数"), null=True, blank=True)
    pattern = models.CharField(_("格式（正则表达式）"), max_length=200, blank=True)
    pattern_message = models.CharField(_("格式不符时的提示"), max_length=200, blank=True)
    min_value = models.DecimalField(_("最小值"), max_digits=18, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(_("最大值"), max_digits=18, decimal_places=2, null=True, blank=True)
    min_days_from_today = models.IntegerField(
        _("最早日期（相对今天的天数）"), null=True, blank=True, help_text=_("如 -36500 表示不早于一百年前")
    )
    max_days_from_today = models.IntegerField(
        _("最晚日期（相对今天的天数）"), null=True, blank=True, help_text=_("如 0 表示不晚于今天")
    )
    prefill_source = models.CharField(
        _("预填来源"),
        max_length=120,
        blank=True,
        help_text=_(
            "license:证照类型代码.照面字段、applicant.属性（real_name、holder_code、email、phone）或留空"
        ),
    )
    editable_when_prefilled = models.BooleanField(
        _("预填后允许修改"), default=False, help_text=_("允许时，申请人的修改会被记录")
    )
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["schema", "position", "id"]
        verbose_name = _("表单字段")
        verbose_name_plural = _("表单字段")
        constraints = [models.UniqueConstraint(fields=["schema", "key"], name="form_field_key_unique")]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind == FieldKind.CHOICE:
            if (
                not isinstance(self.choices, list)
                or len(self.choices) < 2
                or not all(isinstance(c, str) and c for c in self.choices)
            ):
                errors["choices"] = gettext("单选字段至少需要两个可选值")
        elif self.choices:
            errors["choices"] = gettext("只有单选字段可以设置可选值")
        if self.pattern:
            try:
                re.compile(self.pattern)
            except re.error:
                errors["pattern"] = gettext("格式不是有效的正则表达式")
        if self.min_length is not None and self.max_length is not None and self.min_length > self.max_length:
            errors["min_length"] = gettext("最少字数不能大于最多字数")
        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            errors["min_value"] = gettext("最小值不能大于最大值")
        if (
            self.min_days_from_today is not None
            and self.max_days_from_today is not None
            and self.min_days_from_today > self.max_days_from_today
        ):
            errors["min_days_from_today"] = gettext("最早日期不能晚于最晚日期")
        if self.prefill_source:
            try:
                parse_source(self.prefill_source).validate()
            except SourceError as error:
                errors["prefill_source"] = str(error)
        if errors:
            raise ValidationError(errors)


class RuleKind(models.TextChoices):
    BEFORE = "before", _("字段A早于（小于）字段B")
    NOT_EQUAL = "not_equal", _("字段A不得等于字段B")
    REQUIRED_IF = "required_if", _("字段A为指定值时字段B必填")


class FormRule(models.Model):
    """A cross-field rule checked after every field is valid on its own."""

    schema = models.ForeignKey(
        FormSchema, verbose_name=_("表单"), on_delete=models.CASCADE, related_name="rules"
    )
    kind = models.CharField(_("规则类型"), max_length=12, choices=RuleKind.choices)
    field_a = models.SlugField(_("字段A"), max_length=50)
    field_b = models.SlugField(_("字段B"), max_length=50)
    value = models.CharField(
        _("指定值"), max_length=100, blank=True, help_text=_("仅“为指定值时必填”：留空表示字段A已填写/为“是”")
    )
    message = models.CharField(_("不满足时的提示"), max_length=200)

    class Meta:
        ordering = ["schema", "id"]
        verbose_name = _("跨字段校验规则")
        verbose_name_plural = _("跨字段校验规则")

    def __str__(self) -> str:
        return self.message

    def clean(self) -> None:
        if self.field_a == self.field_b:
            raise ValidationError({"field_b": gettext("规则的两个字段不能相同")})
        if self.schema_id:
            keys = set(self.schema.fields.values_list("key", flat=True))
            missing = [k for k in (self.field_a, self.field_b) if k not in keys]
            if missing:
                raise ValidationError(
                    {"field_a": gettext("表单中没有字段：%(keys)s") % {"keys": "、".join(missing)}}
                )
