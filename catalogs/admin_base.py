"""Admin building blocks shared by the apps (catalogs is the bottom layer every app may import)."""

import json
import re

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class DatePickerInput(forms.DateInput):
    """``<input type="date">``: the browser's date picker reads and writes only ISO dates (2026-12-02), so the value
    is written that way whatever the language's display format (zh-hans would write 2026/12/02, which it drops)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


LIST_SEPARATORS = re.compile(r"[、,，;；|\n]")


class ChoiceListField(forms.Field):
    """A list of choices (stored as a JSON list) typed as text: values separated by “、” (or commas, new lines),
    instead of a raw JSON textarea."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("多个可选值用“、”分隔，如：男、女"))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return value
        return "、".join(str(v) for v in value) if isinstance(value, list) else (value or "")

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return list(
            dict.fromkeys(part.strip() for part in LIST_SEPARATORS.split(value or "") if part.strip())
        )

    def has_changed(self, initial, data):
        return self.to_python(
            initial if isinstance(initial, list) else self.prepare_value(initial)
        ) != self.to_python(data)


class ChoiceListAdminMixin:
    """Admins and inlines whose model has a ``choices`` JSON list edit it as “、”-separated text."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "choices" and db_field.get_internal_type() == "JSONField":
            return ChoiceListField(
                label=db_field.verbose_name, help_text=_("仅“选项”类型：多个可选值用“、”分隔，如：男、女")
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """For records that are immutable or append-only (archive packages, filled forms, logs):
    listed and shown, never added, changed or deleted through the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EditableOnlyInDraftInline:
    """Inline rows of a published version (questions, materials, rule rows …) are shown but can
    no longer be added, changed or deleted. ``version_attr`` leads from the admin page's object to
    the versioned object when they differ (a rule row's conditions → ``"ruleset"``)."""

    version_attr: str | None = None

    def _in_draft(self, obj) -> bool:
        if obj is None:
            return True
        version = getattr(obj, self.version_attr) if self.version_attr else obj
        return version.is_draft

    def has_add_permission(self, request, obj=None):
        return self._in_draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._in_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._in_draft(obj) and super().has_delete_permission(request, obj)
