"""Admin building blocks shared by the apps (catalogs is the bottom layer every app may import)."""

from django import forms
from django.contrib import admin


class DatePickerInput(forms.DateInput):
    """``<input type="date">``: the browser's date picker reads and writes only ISO dates (2026-12-02), so the value
    is written that way whatever the language's display format (zh-hans would write 2026/12/02, which it drops)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


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
