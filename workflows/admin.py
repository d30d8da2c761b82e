"""Admin for supervisors: cases and their logs read-only (holders masked); rectifications are closed with a
note through ``workflows.services.rating.close_rectification``. Handlers work cases through the case API."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from catalogs.errors import DomainError
from catalogs.identifiers import mask_code
from licenses.audit.admin import ReadOnlyAdmin
from workflows.models import Case, CaseEvent, CaseLicense, Rating, Rectification, RectificationState
from workflows.services.rating import close_rectification


class CaseLicenseInline(admin.TabularInline):
    model = CaseLicense
    fields = ["license_type", "mode", "fetch_state", "identifier", "verified", "fallback_reason", "attempts"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    fields = ["at", "actor_name", "channel", "action", "from_state", "to_state", "note", "refused"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = [
        "number",
        "service_code",
        "masked_holder",
        "department",
        "channel",
        "state",
        "due_on",
        "decision",
        "opened_at",
    ]
    list_filter = ["state", "channel", "route", "decision", "department"]
    search_fields = ["number", "service_code"]
    date_hierarchy = "opened_at"
    list_select_related = ["department"]
    fields = [
        "number",
        "service_item",
        "ruleset_version",
        "route",
        "masked_holder",
        "holder_name",
        "agent_name",
        "channel",
        "department",
        "state",
        "activity",
        "reviewer",
        "submitted_at",
        "accepted_at",
        "due_on",
        "statutory_due_on",
        "suspended_days",
        "decided_at",
        "decision",
        "decision_reasons",
        "issued_license",
        "archive_package",
    ]
    readonly_fields = fields
    inlines = [CaseLicenseInline, CaseEventInline]

    @admin.display(description=_("申请主体代码"))
    def masked_holder(self, obj):
        return mask_code(obj.holder_code)


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "case", "actor_name", "channel", "action", "to_state", "refused", "note"]
    list_filter = ["refused", "channel", "action"]
    search_fields = ["case__number", "actor_name"]
    list_select_related = ["case"]


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdmin):
    list_display = ["case", "level", "comment", "rated_at"]
    list_filter = ["level"]
    list_select_related = ["case"]


@admin.register(Rectification)
class RectificationAdmin(admin.ModelAdmin):
    list_display = ["rating", "department", "state", "due_on", "opened_at", "closed_at"]
    list_filter = ["state", "department"]
    fields = ["rating", "department", "state", "due_on", "opened_at", "closed_at", "closed_by", "note"]
    readonly_fields = ["rating", "department", "due_on", "opened_at", "closed_at", "closed_by"]
    list_select_related = ["rating__case", "department"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            close_rectification(
                rectification=obj,
                user=request.user,
                note=obj.note,
                state=obj.state or RectificationState.CLOSED,
            )
        except DomainError as error:
            messages.error(request, error.message)
