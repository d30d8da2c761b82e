"""Admin for sharing: the access log (read-only, holders masked), consents (read-only) and the
partner-node directory (tokens and trust lists are managed by ``manage.py partner_node``)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.roles import SEES_EVERYTHING
from catalogs.identifiers import mask_code
from licenses.audit.checks import CHECKS, check_result, start_check
from licenses.consent.selectors import consents_granted_to
from licenses.models import AccessLogEntry, Consent, PartnerKey, PartnerNode
from licenses.presenting import Labels, type_code_of_identifier

SESSION_JOBS = "audit_check_jobs"


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    """The auditor's view of every read: by holder (full code, shown masked), by reader, by date."""

    list_display = [
        "seq",
        "at",
        "actor_label",
        "license_name",
        "masked_holder",
        "purpose",
        "fields_read_labels",
        "result",
    ]
    list_filter = ["result", "channel"]
    date_hierarchy = "at"
    search_fields = [
        "=holder_code",
        "actor_label",
        "license_identifier",
        "case_reference",
        "consent_reference",
    ]
    search_help_text = _("可按完整的持证主体代码、读取方（姓名或部门）、证照标识、办件编号或授权编号查找")
    exclude = ["holder_code"]
    readonly_fields = [
        "seq",
        "at",
        "channel",
        "actor",
        "actor_label",
        "node",
        "license",
        "license_identifier",
        "license_name",
        "masked_holder",
        "case_reference",
        "purpose",
        "consent_reference",
        "legal_basis",
        "fields_read_labels",
        "result",
        "detail",
        "prev_hash",
        "entry_hash",
    ]
    change_list_template = "admin/licenses/accesslogentry/change_list.html"

    @admin.display(description=_("持证主体代码"))
    def masked_holder(self, obj):
        return mask_code(obj.holder_code)

    @admin.display(description=_("读取内容"))
    def fields_read_labels(self, obj):
        shown = getattr(obj, "fields_read_shown", None)  # set for a whole page by get_changelist_instance
        if shown is None:
            code = type_code_of_identifier(obj.license_identifier)
            shown = Labels.for_types({code}).fields(code, obj.fields_read or [])
        return "、".join(shown) or "—"

    def get_changelist_instance(self, request):
        """Label the fields read of a whole page with one lookup (on the page's own objects: thread-safe)."""
        changelist = super().get_changelist_instance(request)
        entries = list(changelist.result_list)
        labels = Labels.for_types({type_code_of_identifier(e.license_identifier) for e in entries})
        for entry in entries:
            entry.fields_read_shown = labels.fields(
                type_code_of_identifier(entry.license_identifier), entry.fields_read or []
            )
        changelist.result_list = entries
        return changelist

    # --- the auditor's checks, run in the background --------------------------------------

    def get_urls(self):
        own = [
            path(
                "checks/", self.admin_site.admin_view(self.checks_view), name="licenses_accesslogentry_checks"
            )
        ]
        return own + super().get_urls()

    def checks_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        jobs = request.session.get(SESSION_JOBS, [])
        if request.method == "POST":
            kind = request.POST.get("kind", "")
            if kind not in CHECKS:
                raise PermissionDenied
            jobs = [start_check(kind=kind, user=request.user), *jobs][:6]
            request.session[SESSION_JOBS] = jobs
            return redirect(reverse("admin:licenses_accesslogentry_checks"))
        results = [(job, result) for job in jobs if (result := check_result(job))]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("审计核查"),
            "checks": [(kind, label) for kind, (_args, label) in CHECKS.items()],
            "results": results,
            "running": any(result["state"] == "running" for _job, result in results),
        }
        return TemplateResponse(request, "admin/licenses/accesslogentry/checks.html", context)


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = [
        "reference",
        "masked_holder",
        "grantee_name",
        "purpose",
        "granted_at",
        "expires_at",
        "revoked_at",
        "origin_node",
    ]
    list_filter = ["origin_node"]
    exclude = ["holder_code", "holder_user"]
    readonly_fields = [
        "reference",
        "masked_holder",
        "holder_code_type",
        "grantee_name",
        "grantee_department",
        "service_item",
        "case_reference",
        "purpose",
        "fields",
        "max_sensitivity",
        "granted_at",
        "expires_at",
        "revoked_at",
        "revoked_reason",
        "origin_node",
        "registered_with",
        "pending_remote_revocations",
    ]

    @admin.display(description=_("持证主体代码"))
    def masked_holder(self, obj):
        return mask_code(obj.holder_code)

    def get_queryset(self, request):
        """Auditors see every consent; a handler only those granted to their department."""
        user = request.user
        if user.has_perm(SEES_EVERYTHING):
            return super().get_queryset(request)
        return consents_granted_to(user=user)


class PartnerKeyInline(admin.TabularInline):
    model = PartnerKey
    extra = 0
    can_delete = False
    fields = [
        "key_id",
        "issuer_name",
        "issuer_uscc",
        "algorithm",
        "valid_from",
        "valid_until",
        "compromised_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PartnerNode)
class PartnerNodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "base_url", "region_codes", "enabled", "trust_list_imported_at"]
    readonly_fields = ["trust_list_sha256", "trust_list_imported_at", "created_at"]
    inlines = [PartnerKeyInline]

    def has_delete_permission(self, request, obj=None):
        return False  # access-log entries refer to the node; disable it instead
