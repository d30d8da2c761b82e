"""Admin forms and formsets for authoring decision tables: typed fact pickers, validation on save.

Whole-table checks (conflicts, unreachable rows) run in the formsets' ``clean``, so a save that
would leave the table invalid is refused with messages naming the row and column.
"""

from __future__ import annotations

from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalogs.admin_base import DatePickerInput
from rules import selectors
from rules.facts import OPERATORS
from rules.models import RuleRow, RuleSet
from rules.resolution import draft_spec, row_inputs
from rules.ruletests import RuleTestCase, parse_case
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
        choices.append(unknown_fact_choice(ruleset, current))
    return choices


def unknown_fact_choice(ruleset: RuleSet | None, fact: str) -> tuple[str, str]:
    """A fact a condition uses that the item no longer offers, named by its label where an earlier version had it."""
    if fact.startswith("answer.") and ruleset is not None:
        label = selectors.former_question_labels(service_code=ruleset.service_code).get(
            fact.removeprefix("answer.")
        )
        if label:
            return fact, gettext("（事项已删除的问题）%(label)s") % {"label": label}
    return fact, gettext("（未知）%(fact)s") % {"fact": fact}


def table_errors(ruleset: RuleSet, rows: list[RowInput]) -> list[str]:
    context = table_context(ruleset)
    if context is None:
        return [gettext("目录中没有事项 %(code)s，无法校验规则") % {"code": ruleset.service_code}]
    service, license_types = context
    try:
        build_table(
            ruleset={
                "code": ruleset.service_code,
                "version": ruleset.version,
                "default_route": ruleset.default_route,
            },
            service=service,
            license_types=license_types,
            rows=rows,
            former_questions=selectors.former_question_labels(service_code=ruleset.service_code),
        )
    except TableInvalid as invalid:
        return [str(error) for error in invalid.errors]
    return []


def _row_input(data: dict, conditions: list[ConditionInput]) -> RowInput:
    license_type, department = data.get("license_type"), data.get("department")
    return RowInput(
        number=data.get("number") or 0,
        priority=data.get("priority") or 0,
        outcome=data.get("outcome") or "",
        license_type=license_type.code if license_type else "",
        mode=data.get("mode") or "",
        route=data.get("route") or "",
        department={"uscc": department.uscc, "name": department.name} if department else None,
        reason=data.get("reason") or "",
        conditions=conditions,
    )


def _options(choices, selected: str) -> str:
    """<option>s (and <optgroup>s) of a choice list, ``selected`` marked."""
    parts = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            parts.append(
                format_html('<optgroup label="{}">{}</optgroup>', value, mark_safe(_options(label, selected)))
            )
        else:
            parts.append(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    value,
                    mark_safe(" selected") if str(value) == selected else "",
                    label,
                )
            )
    return "".join(parts)


def operator_choices() -> list[tuple[str, str]]:
    return [(code, gettext(label)) for code, label in OPERATORS.items()]


class ConditionsWidget(forms.Widget):
    """The conditions of one rule row, edited in the row's cell of the decision table: one line per
    condition (fact, operator, value) and blank lines to add more. Posts ``<name>-<i>-fact|operator|value``
    plus ``<name>-present``; without that marker (a client that does not know the editor) the stored
    conditions are kept."""

    template_name = ""  # rendered in code: the admin's inline JavaScript renames the fields of added rows

    def __init__(self, *, fact_choices: list | None = None, blank_lines: int = 2, attrs=None):
        super().__init__(attrs)
        self.fact_choices = fact_choices or []
        self.blank_lines = blank_lines

    def value_from_datadict(self, data, files, name):
        if f"{name}-present" not in data:
            return None
        lines, index = [], 0
        while f"{name}-{index}-fact" in data:
            line = {
                key: (data.get(f"{name}-{index}-{key}") or "").strip()
                for key in ("fact", "operator", "value")
            }
            if line["fact"] or line["value"]:
                lines.append(line)
            index += 1
        return lines

    def render(self, name, value, attrs=None, renderer=None):
        lines = list(value or [])
        operators = operator_choices()
        rows = []
        for index, line in enumerate([*lines, *({} for _blank in range(self.blank_lines))]):
            rows.append(
                format_html(
                    '<li class="condition-line"><select name="{name}-{i}-fact" id="id_{name}-{i}-fact" aria-label="{fl}">{facts}</select>'
                    '<span class="condition-test"><select name="{name}-{i}-operator" id="id_{name}-{i}-operator" aria-label="{ol}">{ops}</select>'
                    '<input type="text" name="{name}-{i}-value" id="id_{name}-{i}-value" value="{value}" aria-label="{vl}" placeholder="{vp}"></span></li>',
                    name=name,
                    i=index,
                    facts=mark_safe(_options(self.fact_choices, line.get("fact", ""))),
                    ops=mark_safe(_options(operators, line.get("operator") or "eq")),
                    value=line.get("value", ""),
                    fl=gettext("事实"),
                    ol=gettext("运算符"),
                    vl=gettext("值"),
                    vp=gettext("值（多个用“、”分隔）"),
                )
            )
        return format_html(
            '<div class="conditions"><input type="hidden" name="{}-present" value="1"><ol class="condition-editor">{}</ol>'
            '<button type="button" class="add-condition">{}</button></div>',
            name,
            format_html_join("", "{}", ((row,) for row in rows)),
            gettext("＋ 添加条件"),
        )


class ConditionsField(forms.Field):
    widget = ConditionsWidget

    def clean(self, value):
        if value is None:
            return None  # not posted: keep the stored conditions
        problems = []
        for number, line in enumerate(value, start=1):
            if not line["fact"]:
                problems.append(gettext("第%(n)d个条件：请选择事实") % {"n": number})
            elif line["operator"] not in OPERATORS:
                problems.append(gettext("第%(n)d个条件：请选择运算符") % {"n": number})
        if problems:
            raise forms.ValidationError(problems)
        return value

    def has_changed(self, initial, data):
        return data is not None and [dict(line) for line in data] != [dict(line) for line in (initial or [])]


def stored_conditions(row: RuleRow) -> list[dict]:
    return [{"fact": c.fact, "operator": c.operator, "value": c.value} for c in row.conditions.all()]


class RuleRowForm(forms.ModelForm):
    """A row of the decision table, its conditions included (no separate page, no save in between)."""

    conditions = ConditionsField(label=_("条件（须全部满足）"), required=False)

    def __init__(self, *args, fact_choices: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        initial = stored_conditions(self.instance) if self.instance.pk else []
        self.initial["conditions"] = initial
        choices = list(fact_choices or [("", gettext("—— 请选择事实 ——"))])
        known = {key for _group, items in choices[1:] if isinstance(items, list) for key, _label in items}
        for line in initial:
            if line["fact"] not in known:
                choices.append(
                    unknown_fact_choice(
                        self.instance.ruleset if self.instance.ruleset_id else None, line["fact"]
                    )
                )
        self.fields["conditions"].widget = ConditionsWidget(
            fact_choices=choices, blank_lines=1 if initial else 2
        )

    def condition_inputs(self) -> list[ConditionInput] | None:
        lines = self.cleaned_data.get("conditions")
        if lines is None:
            return None
        return [
            ConditionInput(line["fact"], line["operator"], line["value"], column=index)
            for index, line in enumerate(lines, start=1)
        ]


class RuleRowInlineFormSet(BaseInlineFormSet):
    """The rows on the ruleset page with their conditions; the whole table must stay valid on save."""

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if issubclass(self.form, RuleRowForm):
            if not hasattr(self, "_fact_choices"):
                self._fact_choices = fact_choices(self.instance if self.instance.pk else None)
            kwargs["fact_choices"] = self._fact_choices
        return kwargs

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
            edited = form.condition_inputs() if isinstance(form, RuleRowForm) else None
            conditions = (
                edited if edited is not None else (stored[by_pk[pk]].conditions if pk in by_pk else [])
            )
            rows.append(_row_input(form.cleaned_data, conditions))
        problems = table_errors(self.instance, rows)
        if problems:
            raise forms.ValidationError(problems)

    def edited_conditions(self) -> list[tuple[RuleRow, list[ConditionInput]]]:
        """After ``save()``: each kept row whose conditions were posted, with them."""
        return [
            (form.instance, form.condition_inputs())
            for form in self.forms
            if isinstance(form, RuleRowForm)
            and form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.instance.pk
            and form.condition_inputs() is not None
        ]


class RuleConditionForm(forms.ModelForm):
    fact = forms.ChoiceField(label=_("事实"), choices=())
    # an initial operator, so an untouched blank line is recognised as unchanged (and skipped)
    operator = forms.ChoiceField(
        label=_("运算符"), initial="eq", choices=[(code, _(label)) for code, label in OPERATORS.items()]
    )

    class Meta:
        fields = ["position", "fact", "operator", "value"]


class RuleConditionFormSet(BaseInlineFormSet):
    """The conditions of one row; the whole table (with this row as edited) must stay valid."""

    def add_fields(self, form, index):
        # add_fields runs for every form, the empty form (a new one each time it is read) included
        super().add_fields(form, index)
        if not hasattr(self, "_fact_choices"):
            self._fact_choices = fact_choices(self.instance.ruleset if self.instance.ruleset_id else None)
        current = form.initial.get("fact", "") or getattr(form.instance, "fact", "")
        choices = list(self._fact_choices)
        if current and current not in {
            key for _group, items in choices[1:] if isinstance(items, list) for key, _label in items
        }:
            choices.append(
                unknown_fact_choice(self.instance.ruleset if self.instance.ruleset_id else None, current)
            )
        form.fields["fact"].choices = choices

    def clean(self):
        super().clean()
        row: RuleRow = self.instance
        if any(self.errors) or not row.ruleset_id:
            return
        conditions = [
            ConditionInput(
                form.cleaned_data["fact"],
                form.cleaned_data["operator"],
                form.cleaned_data.get("value") or "",
                column=index,
            )
            for index, form in enumerate(
                sorted(
                    (f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")),
                    key=lambda f: f.cleaned_data.get("position") or 0,
                ),
                start=1,
            )
        ]
        edited = _row_input(
            {
                field: getattr(row, field)
                for field in (
                    "number",
                    "priority",
                    "outcome",
                    "license_type",
                    "mode",
                    "route",
                    "department",
                    "reason",
                )
            },
            conditions,
        )
        original = (
            RuleRow.objects.filter(pk=row.pk).values_list("number", flat=True).first() if row.pk else None
        )
        others = [r for r in row_inputs(row.ruleset) if r.number != original]
        problems = table_errors(row.ruleset, others + [edited])
        if problems:
            raise forms.ValidationError(problems)


class PublishForm(forms.Form):
    effective_from = forms.DateField(
        label=_("生效日期"), widget=DatePickerInput(), initial=timezone.localdate
    )


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

        try:
            spec = draft_spec(ruleset=self.instance)
        except TableInvalid:
            return  # the rows' own errors are shown on the rows
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            case = RuleTestCase(
                name=data.get("name") or "",
                applicant={
                    "kind": data.get("applicant_kind") or "person",
                    "age": data.get("age"),
                    "sex": data.get("sex") or None,
                    "region": data.get("region") or None,
                },
                channel=data.get("channel") or "online",
                answers=data.get("answers") or "",
                licenses=data.get("licenses") or "",
                expected_modes=data.get("expected_modes") or "",
            )
            for problem in parse_case(case, spec)[3]:
                form.add_error(
                    None, gettext("规则测试“%(name)s”：%(problem)s") % {"name": case.name, "problem": problem}
                )
