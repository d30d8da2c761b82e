"""Django admin for policy staff: rulesets as decision tables, row conditions, rule tests, publishing.

Published versions are read-only; "创建新版本" copies them into a draft. Every write goes
through ``rules.services`` (reads through ``rules.resolution``); the formsets in ``rules.forms`` validate the whole table on save.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from catalogs.admin_base import EditableOnlyInDraftInline
from catalogs.errors import DomainError
from rules import resolution, services
from rules.facts import OPERATORS
from rules.forms import (
    PublishForm,
    RetireForm,
    RuleConditionForm,
    RuleConditionFormSet,
    RuleRowForm,
    RuleRowInlineFormSet,
    RuleSetForm,
    RuleTestInlineFormSet,
    fact_choices,
    table_errors,
)
from rules.models import RuleCondition, RuleRow, RuleSet, RuleTest
from rules.table import TableInvalid

# Lifecycle labels come from ``catalogs.versioning`` (Chinese); marked here so this app's catalogue translates them.
LIFECYCLE_LABELS = (
    gettext_noop("草稿"),
    gettext_noop("待生效"),
    gettext_noop("现行"),
    gettext_noop("已废止"),
)


def _editable(obj) -> bool:
    ruleset = obj if isinstance(obj, RuleSet) else getattr(obj, "ruleset", None)
    return ruleset is None or ruleset.is_draft


class RuleRowInline(EditableOnlyInDraftInline, admin.TabularInline):
    """The decision table: each row with its conditions, edited and saved together."""

    model = RuleRow
    form = RuleRowForm
    formset = RuleRowInlineFormSet
    extra = 0
    classes = ["decision-table"]
    fields = [
        "number",
        "priority",
        "conditions",
        "outcome",
        "license_type",
        "mode",
        "route",
        "department",
        "reason",
    ]
    readonly_fields = ["condition_summary"]

    def get_fields(self, request, obj=None):
        if self._in_draft(obj):
            return self.fields
        return [("condition_summary" if name == "conditions" else name) for name in self.fields]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(getattr(field, "widget", None), RelatedFieldWidgetWrapper):
            field.widget = field.widget.widget  # no add/change/view icons: the table must fit the screen
        if db_field.name == "reason":
            field.widget = forms.Textarea(attrs={"rows": 2})
        return field

    def _fact_labels(self, ruleset) -> dict[str, str]:
        """Fact labels of one ruleset, computed once per request (inline instances live for one request)."""
        cache = self.__dict__.setdefault("_labels", {})
        if ruleset.pk not in cache:
            cache[ruleset.pk] = dict(
                item
                for _group, items in fact_choices(ruleset)[1:]
                if isinstance(items, list)
                for item in items
            )
        return cache[ruleset.pk]

    @admin.display(description=_("条件（须全部满足）"))
    def condition_summary(self, row):
        if not row.pk:
            return ""
        labels = self._fact_labels(row.ruleset)
        parts = [
            f"{labels.get(c.fact, c.fact)} {gettext(OPERATORS.get(c.operator, c.operator))} {c.value}"
            for c in row.conditions.all()
        ]
        return "；".join(parts) or gettext("（无条件，总是生效）")


class RuleTestInline(EditableOnlyInDraftInline, admin.StackedInline):
    model = RuleTest
    formset = RuleTestInlineFormSet
    extra = 0
    fields = [
        "name",
        ("applicant_kind", "age", "sex", "region", "channel"),
        ("answers", "licenses"),
        "expected_modes",
        ("expected_route", "expected_fee_exempt"),
    ]


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    form = RuleSetForm
    list_display = [
        "service_code",
        "version",
        "title",
        "lifecycle",
        "valid_from",
        "valid_until",
        "published_at",
    ]
    list_filter = ["status"]
    search_fields = ["service_code", "title"]
    inlines = [RuleRowInline, RuleTestInline]
    change_form_template = "admin/rules/ruleset/change_form.html"
    fields = [
        "service_code",
        "version",
        "title",
        "default_route",
        "status",
        "valid_from",
        "valid_until",
        "spec_hash",
        "published_by",
    ]

    @admin.display(description=_("状态"))
    def lifecycle(self, obj):
        return gettext(obj.lifecycle_label)

    def get_readonly_fields(self, request, obj=None):
        frozen = ["version", "status", "valid_from", "valid_until", "spec_hash", "published_by"]
        if obj is None:
            return frozen
        if not obj.is_draft:
            return [*frozen, "service_code", "title", "default_route"]
        return [*frozen, "service_code"]

    def has_change_permission(self, request, obj=None):
        return _editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _editable(obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            try:
                created = services.create_ruleset(
                    service_code=obj.service_code, title=obj.title, default_route=obj.default_route
                )
            except DomainError as error:
                raise PermissionDenied(error.message) from error
            obj.pk = created.pk
            obj.version = created.version
            obj.created_at = created.created_at
            return
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if isinstance(formset, RuleRowInlineFormSet):
            for row, conditions in formset.edited_conditions():
                services.replace_row_conditions(row=row, conditions=conditions)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.is_draft:
            problems = table_errors(obj, resolution.row_inputs(obj))
            context["table_problems"] = problems
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- extra pages -----------------------------------------------------------------------

    def get_urls(self):
        own = [
            path(
                "<int:pk>/tests/", self.admin_site.admin_view(self.run_tests_view), name="rules_ruleset_tests"
            ),
            path(
                "<int:pk>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="rules_ruleset_publish",
            ),
            path(
                "<int:pk>/new-version/",
                self.admin_site.admin_view(self.new_version_view),
                name="rules_ruleset_new_version",
            ),
            path(
                "<int:pk>/retire/", self.admin_site.admin_view(self.retire_view), name="rules_ruleset_retire"
            ),
        ]
        return own + super().get_urls()

    def _page(self, request, ruleset, template, **extra):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": ruleset,
            "title": str(ruleset),
            **extra,
        }
        return TemplateResponse(request, f"admin/rules/ruleset/{template}", context)

    def run_tests_view(self, request, pk):
        ruleset = get_object_or_404(RuleSet, pk=pk)
        if not self.has_view_permission(request, ruleset):
            raise PermissionDenied
        try:
            outcomes, problems = resolution.run_rule_tests(ruleset=ruleset), []
        except TableInvalid as invalid:
            outcomes, problems = [], [str(e) for e in invalid.errors]
        return self._page(request, ruleset, "tests.html", outcomes=outcomes, problems=problems)

    def publish_view(self, request, pk):
        ruleset = get_object_or_404(RuleSet, pk=pk)
        if not request.user.has_perm("rules.publish_ruleset"):
            raise PermissionDenied
        form = PublishForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.publish_ruleset(
                    ruleset=ruleset, effective_from=form.cleaned_data["effective_from"], user=request.user
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    gettext("%(ruleset)s 已发布，自 %(date)s 起生效。")
                    % {"ruleset": ruleset, "date": f"{form.cleaned_data['effective_from']:%Y-%m-%d}"},
                )
                return redirect(reverse("admin:rules_ruleset_change", args=[ruleset.pk]))
        return self._page(request, ruleset, "publish.html", form=form, action=_("发布"), publishing=True)

    def retire_view(self, request, pk):
        ruleset = get_object_or_404(RuleSet, pk=pk)
        if not request.user.has_perm("rules.publish_ruleset"):
            raise PermissionDenied
        form = RetireForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.retire_ruleset(ruleset=ruleset, effective_until=form.cleaned_data["effective_until"])
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    gettext("%(ruleset)s 将于 %(date)s 起废止。")
                    % {"ruleset": ruleset, "date": f"{form.cleaned_data['effective_until']:%Y-%m-%d}"},
                )
                return redirect(reverse("admin:rules_ruleset_change", args=[ruleset.pk]))
        return self._page(request, ruleset, "publish.html", form=form, action=_("废止"), publishing=False)

    def new_version_view(self, request, pk):
        ruleset = get_object_or_404(RuleSet, pk=pk)
        if request.method != "POST" or not request.user.has_perm("rules.add_ruleset"):
            raise PermissionDenied
        draft = services.create_draft_version(ruleset=ruleset)
        messages.success(request, gettext("已创建草稿 %(draft)s，可在其上修改后发布。") % {"draft": draft})
        return redirect(reverse("admin:rules_ruleset_change", args=[draft.pk]))


class RuleConditionInline(EditableOnlyInDraftInline, admin.TabularInline):
    version_attr = "ruleset"
    model = RuleCondition
    form = RuleConditionForm
    formset = RuleConditionFormSet
    extra = 1
    fields = ["position", "fact", "operator", "value"]


@admin.register(RuleRow)
class RuleRowAdmin(admin.ModelAdmin):
    """One row with its conditions; reached from the ruleset page ("修改")."""

    inlines = [RuleConditionInline]
    fields = [
        "ruleset",
        "number",
        "priority",
        "outcome",
        "license_type",
        "mode",
        "route",
        "department",
        "reason",
        "fact_help",
    ]
    readonly_fields = ["ruleset", "fact_help"]
    list_display = ["ruleset", "number", "priority", "outcome", "license_type", "mode", "route"]
    list_filter = ["outcome"]

    @admin.display(description=_("可用事实"))
    def fact_help(self, row):
        if not row.pk:
            return ""
        groups = [
            (group, "、".join(label for _key, label in items))
            for group, items in fact_choices(row.ruleset)[1:]
            if isinstance(items, list)
        ]
        return format_html("<ul>{}</ul>", format_html_join("", "<li><b>{}</b>：{}</li>", groups))

    def has_module_permission(self, request):
        return False  # reached from the ruleset page

    def has_add_permission(self, request):
        return False  # rows are added on the ruleset page

    def has_change_permission(self, request, obj=None):
        return _editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _editable(obj) and super().has_delete_permission(request, obj)

    def response_change(self, request, obj):
        if "_continue" not in request.POST and "_addanother" not in request.POST:
            return redirect(reverse("admin:rules_ruleset_change", args=[obj.ruleset_id]))
        return super().response_change(request, obj)
