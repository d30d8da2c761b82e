"""Admin forms and formsets for authoring decision tables: typed fact pickers, validation on save.

Whole-table checks (conflicts, unreachable rows) run in the formsets' ``clean``, so a save that
would leave the table invalid is refused with messages naming the row and column.
"""

from __future__ import annotations

from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalogs.admin_base import DatePickerInput
from rules import selectors
from rules.facts import OPERATORS
from rules.models import RuleRow, RuleSet
from rules.services import row_inputs
from rules.table import ConditionInput, RowInput, TableInvalid
from rules.validation import build_table, fact_catalog


def table_context(ruleset: RuleSet) -> tuple[dict, dict] | None:
    item = selectors.catalog_item_for(service_code=ruleset.service_code)
    if item is None:
        return None
    return selectors.service_snapshot(item), selectors.license_type_names()


def fact_choices(ruleset: RuleSet | None, current: str = "") -> list:
    choices: list = [("", gettext("—— 请选择事实 ——"))]
    context = table_context(ruleset) if ruleset is not None else None
    known = set()
    if context:
        service, license_types = context
        for group, items in fact_catalog(service=service, license_types=license_types).form_choices():
            choices.append((group, items))
            known.update(key for key, _label in items)
    if current and current not in known:
        choices.append((current, gettext("（未知）%(fact)s") % {"fact": current}))
    return choices


def table_errors(ruleset: RuleSet, rows: list[RowInput]) -> list[str]:
    context = table_context(ruleset)
    if context is None:
        return [gettext("目录中没有事项 %(code)s，无法校验规则") % {"code": ruleset.service_code}]
    service, license_types = context
    try:
        build_table(ruleset={"code": ruleset.service_code, "version": ruleset.version, "default_route": ruleset.default_route},
                    service=service, license_types=license_types, rows=rows)
    except TableInvalid as invalid:
        return [str(error) for error in invalid.errors]
    return []


def _row_input(data: dict, conditions: list[ConditionInput]) -> RowInput:
    license_type, department = data.get("license_type"), data.get("department")
    return RowInput(
        number=data.get("number") or 0, priority=data.get("priority") or 0, outcome=data.get("outcome") or "",
        license_type=license_type.code if license_type else "", mode=data.get("mode") or "", route=data.get("route") or "",
        department={"uscc": department.uscc, "name": department.name} if department else None,
        reason=data.get("reason") or "", conditions=conditions,
    )


class RuleRowInlineFormSet(BaseInlineFormSet):
    """The rows on the ruleset page; their conditions (edited on the row page) are read from the database."""

    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.pk is None:
            return
        stored = {row.number: row for row in row_inputs(self.instance)}
        by_pk = {row.pk: row.number for row in self.instance.rows.all()}
        rows = []
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            pk = form.instance.pk
            conditions = stored[by_pk[pk]].conditions if pk in by_pk else []
            rows.append(_row_input(form.cleaned_data, conditions))
        problems = table_errors(self.instance, rows)
        if problems:
            raise forms.ValidationError(problems)


class RuleConditionForm(forms.ModelForm):
    fact = forms.ChoiceField(label=_("事实"), choices=())
    operator = forms.ChoiceField(label=_("运算符"), choices=[(code, _(label)) for code, label in OPERATORS.items()])

    class Meta:
        fields = ["position", "fact", "operator", "value"]


class RuleConditionFormSet(BaseInlineFormSet):
    """The conditions of one row; the whole table (with this row as edited) must stay valid."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ruleset = self.instance.ruleset if self.instance.ruleset_id else None
        for form in self.forms + [self.empty_form]:
            form.fields["fact"].choices = fact_choices(ruleset, form.initial.get("fact", "") or getattr(form.instance, "fact", ""))

    def clean(self):
        super().clean()
        row: RuleRow = self.instance
        if any(self.errors) or not row.ruleset_id:
            return
        conditions = [
            ConditionInput(form.cleaned_data["fact"], form.cleaned_data["operator"], form.cleaned_data.get("value") or "", column=index)
            for index, form in enumerate(
                sorted((f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")),
                       key=lambda f: f.cleaned_data.get("position") or 0), start=1)
        ]
        edited = _row_input({field: getattr(row, field) for field in
                             ("number", "priority", "outcome", "license_type", "mode", "route", "department", "reason")}, conditions)
        original = RuleRow.objects.filter(pk=row.pk).values_list("number", flat=True).first() if row.pk else None
        others = [r for r in row_inputs(row.ruleset) if r.number != original]
        problems = table_errors(row.ruleset, others + [edited])
        if problems:
            raise forms.ValidationError(problems)


class PublishForm(forms.Form):
    effective_from = forms.DateField(label=_("生效日期"), widget=DatePickerInput(), initial=timezone.localdate)


class RetireForm(forms.Form):
    effective_until = forms.DateField(label=_("废止日期（不含当日）"), widget=DatePickerInput())


class RuleSetForm(forms.ModelForm):
    class Meta:
        model = RuleSet
        fields = ["service_code", "title", "default_route"]

    def clean_service_code(self):
        code = self.cleaned_data["service_code"]
        if self.instance.pk is None:
            if selectors.catalog_item_for(service_code=code) is None:
                raise forms.ValidationError(gettext("目录中没有编码为 %(code)s 的事项") % {"code": code})
            if RuleSet.objects.filter(service_code=code).exists():
                raise forms.ValidationError(gettext("该事项已有规则集：请打开已发布的版本，点击“创建新版本”"))
        return code


class RuleTestInlineFormSet(BaseInlineFormSet):
    """Rule tests are parsed against the draft's table on save, so a badly written line is caught at once."""

    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.pk is None or not self.instance.is_draft:
            return
        from rules.ruletests import RuleTestCase, parse_case
        from rules.services import draft_spec

        try:
            spec = draft_spec(ruleset=self.instance)
        except TableInvalid:
            return  # the rows' own errors are shown on the rows
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            case = RuleTestCase(
                name=data.get("name") or "", applicant={"kind": data.get("applicant_kind") or "person", "age": data.get("age"),
                                                        "sex": data.get("sex") or None, "region": data.get("region") or None},
                channel=data.get("channel") or "online", answers=data.get("answers") or "", licenses=data.get("licenses") or "",
                expected_modes=data.get("expected_modes") or "",
            )
            for problem in parse_case(case, spec)[3]:
                form.add_error(None, gettext("规则测试“%(name)s”：%(problem)s") % {"name": case.name, "problem": problem})
