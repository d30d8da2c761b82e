"""Build a Django form class from a form schema, for the applicant portal and for validating API input.

Pre-filled, locked fields are ``disabled``: Django then ignores whatever the browser submits for them
and keeps the pre-filled value, so a locked value cannot be changed by editing the HTML.
"""

import re
from datetime import timedelta
from decimal import Decimal

from django import forms as django_forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, RegexValidator
from django.utils import timezone

from catalogs.identifiers import check_citizen_id, check_uscc
from forms.models import FieldKind, FormField, FormSchema, RuleKind

PHONE_RE = re.compile(r"^1[3-9]\d{9}$")


def _citizen_id(value: str) -> None:
    check_citizen_id(value)


def _uscc(value: str) -> None:
    check_uscc(value)


def _date_range_validator(form_field: FormField):
    def validate(value) -> None:
        today = timezone.localdate()
        if form_field.min_days_from_today is not None and value < today + timedelta(
            days=form_field.min_days_from_today
        ):
            raise ValidationError(
                f"{form_field.label}不能早于 {today + timedelta(days=form_field.min_days_from_today):%Y-%m-%d}"
            )
        if form_field.max_days_from_today is not None and value > today + timedelta(
            days=form_field.max_days_from_today
        ):
            raise ValidationError(
                f"{form_field.label}不能晚于 {today + timedelta(days=form_field.max_days_from_today):%Y-%m-%d}"
            )

    return validate


def _text_field(form_field: FormField, **common) -> django_forms.Field:
    validators = list(common.pop("validators", []))
    if form_field.pattern:
        validators.append(
            RegexValidator(form_field.pattern, form_field.pattern_message or f"{form_field.label}格式不正确")
        )
    widget = django_forms.Textarea(attrs={"rows": 3}) if form_field.kind == FieldKind.TEXTAREA else None
    return django_forms.CharField(
        min_length=form_field.min_length,
        max_length=form_field.max_length or (2000 if form_field.kind == FieldKind.TEXTAREA else 200),
        validators=validators,
        widget=widget,
        **common,
    )


def django_field(form_field: FormField) -> django_forms.Field:
    common = {"label": form_field.label, "required": form_field.required, "help_text": form_field.help_text}
    kind = form_field.kind
    if kind in (FieldKind.TEXT, FieldKind.TEXTAREA):
        return _text_field(form_field, **common)
    if kind == FieldKind.CITIZEN_ID:
        return _text_field(form_field, validators=[_citizen_id], **common)
    if kind == FieldKind.USCC:
        return _text_field(form_field, validators=[_uscc], **common)
    if kind == FieldKind.PHONE:
        return _text_field(form_field, validators=[RegexValidator(PHONE_RE, "请填写11位手机号码")], **common)
    if kind == FieldKind.EMAIL:
        return _text_field(form_field, validators=[EmailValidator("请填写有效的电子邮箱")], **common)
    if kind == FieldKind.INT:
        return django_forms.IntegerField(
            min_value=int(form_field.min_value) if form_field.min_value is not None else None,
            max_value=int(form_field.max_value) if form_field.max_value is not None else None,
            **common,
        )
    if kind == FieldKind.DECIMAL:
        return django_forms.DecimalField(
            min_value=form_field.min_value,
            max_value=form_field.max_value,
            max_digits=18,
            decimal_places=2,
            **common,
        )
    if kind == FieldKind.DATE:
        return django_forms.DateField(
            validators=[_date_range_validator(form_field)],
            widget=django_forms.DateInput(attrs={"type": "date"}),
            **common,
        )
    if kind == FieldKind.BOOL:
        return django_forms.TypedChoiceField(
            choices=[("true", "是"), ("false", "否")],
            coerce=lambda v: v in (True, "true", "True", "1", "是"),
            **common,
        )
    if kind == FieldKind.CHOICE:
        return django_forms.ChoiceField(
            choices=[("", "请选择")] + [(c, c) for c in form_field.choices], **common
        )
    raise ValueError(f"unknown field kind {kind}")


def _compare(a, b) -> bool:
    if isinstance(a, (int, Decimal)) and isinstance(b, (int, Decimal)):
        return a < b
    return a < b if type(a) is type(b) else str(a) < str(b)


class SchemaForm(django_forms.Form):
    """Base class of every generated form: runs the schema's cross-field rules in ``clean``."""

    schema_rules: list = []
    field_labels: dict[str, str] = {}

    def clean(self):
        cleaned = super().clean()
        for rule in self.schema_rules:
            a, b = cleaned.get(rule.field_a), cleaned.get(rule.field_b)
            if rule.kind == RuleKind.BEFORE:
                if a not in (None, "") and b not in (None, "") and not _compare(a, b):
                    self.add_error(rule.field_b, rule.message)
            elif rule.kind == RuleKind.NOT_EQUAL:
                if a not in (None, "") and a == b:
                    self.add_error(rule.field_b, rule.message)
            elif rule.kind == RuleKind.REQUIRED_IF:
                triggered = (str(a) == rule.value) if rule.value else bool(a)
                if triggered and b in (None, ""):
                    self.add_error(rule.field_b, rule.message)
        return cleaned


def build_form_class(schema: FormSchema, *, locked: set[str] | frozenset = frozenset()) -> type[SchemaForm]:
    fields = list(schema.fields.all())
    attrs: dict = {"schema_rules": list(schema.rules.all()), "field_labels": {f.key: f.label for f in fields}}
    for form_field in fields:
        field = django_field(form_field)
        if form_field.key in locked:
            field.disabled = True
            field.help_text = (
                "由电子证照自动填写，不可修改"
                if form_field.prefill_source.startswith("license:")
                else "由实名信息自动填写，不可修改"
            )
        attrs[form_field.key] = field
    return type(f"Form{schema.pk}", (SchemaForm,), attrs)


def build_form(
    schema: FormSchema, *, initial: dict | None = None, locked=frozenset(), data=None
) -> SchemaForm:
    return build_form_class(schema, locked=set(locked))(data=data, initial=initial or {})
