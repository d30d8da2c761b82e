"""Policy staff edit form schemas in the admin; a published version's schema is shown read-only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from catalogs.admin_base import ReadOnlyModelAdmin
from forms.models import FilledForm, FormField, FormRule, FormSchema, IssuedDocument


class _FrozenWhenPublished:
    def _frozen(self, obj) -> bool:
        schema = obj if isinstance(obj, FormSchema) else getattr(obj, "schema", None)
        return bool(schema and schema.pk and schema.is_frozen)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._frozen(obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._frozen(obj)


class FormFieldInline(_FrozenWhenPublished, admin.TabularInline):
    model = FormField
    extra = 0
    fields = [
        "position",
        "key",
        "label",
        "kind",
        "required",
        "prefill_source",
        "editable_when_prefilled",
        "max_length",
        "pattern",
        "pattern_message",
        "choices",
        "min_days_from_today",
        "max_days_from_today",
        "help_text",
    ]


class FormRuleInline(_FrozenWhenPublished, admin.TabularInline):
    model = FormRule
    extra = 0


@admin.register(FormSchema)
class FormSchemaAdmin(_FrozenWhenPublished, admin.ModelAdmin):
    list_display = ["display_title", "service_item", "field_count", "is_frozen"]
    search_fields = ["title", "service_item__name", "service_item__code"]
    inlines = [FormFieldInline, FormRuleInline]
    raw_id_fields = ["service_item"]

    def has_add_permission(self, request):
        return admin.ModelAdmin.has_add_permission(self, request)

    @admin.display(description=_("字段数"))
    def field_count(self, obj):
        return obj.fields.count()

    @admin.display(description=_("已冻结"), boolean=True)
    def is_frozen(self, obj):
        return obj.is_frozen


@admin.register(FilledForm)
class FilledFormAdmin(ReadOnlyModelAdmin):
    list_display = ["reference", "schema", "status", "prefilled_count", "field_count", "created_at"]
    list_filter = ["status"]
    search_fields = ["reference"]


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyModelAdmin):
    list_display = ["number", "title", "kind", "department", "subject_masked", "issued_at"]
    list_filter = ["kind", "department"]
    search_fields = ["number", "reference"]
