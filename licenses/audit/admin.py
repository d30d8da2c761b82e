"""Admin for sharing: the access log (read-only, holders masked), consents (read-only) and the
partner-node directory (tokens and trust lists are managed by ``manage.py partner_node``)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from catalogs.identifiers import mask_code
from licenses.consent.selectors import consents_granted_to
from licenses.models import AccessLogEntry, Consent, PartnerKey, PartnerNode


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["seq", "at", "actor_label", "channel", "license_name", "masked_holder", "purpose", "result"]
    list_filter = ["channel", "result"]
    search_fields = ["license_identifier", "case_reference", "consent_reference"]
    exclude = ["holder_code"]
    readonly_fields = ["seq", "at", "channel", "actor", "actor_label", "node", "license", "license_identifier", "license_name",
                       "masked_holder", "case_reference", "purpose", "consent_reference", "legal_basis", "fields_read", "result",
                       "detail", "prev_hash", "entry_hash"]

    @admin.display(description=_("持证主体代码"))
    def masked_holder(self, obj):
        return mask_code(obj.holder_code)


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["reference", "masked_holder", "grantee_name", "purpose", "granted_at", "expires_at", "revoked_at", "origin_node"]
    list_filter = ["origin_node"]
    exclude = ["holder_code", "holder_user"]
    readonly_fields = ["reference", "masked_holder", "holder_code_type", "grantee_name", "grantee_department", "service_item",
                       "case_reference", "purpose", "fields", "max_sensitivity", "granted_at", "expires_at", "revoked_at",
                       "revoked_reason", "origin_node", "registered_with", "pending_remote_revocations"]

    @admin.display(description=_("持证主体代码"))
    def masked_holder(self, obj):
        return mask_code(obj.holder_code)

    def get_queryset(self, request):
        """Auditors see every consent; a handler only those granted to their department."""
        user = request.user
        if user.is_superuser or user.groups.filter(name="auditor").exists():
            return super().get_queryset(request)
        return consents_granted_to(user=user)


class PartnerKeyInline(admin.TabularInline):
    model = PartnerKey
    extra = 0
    can_delete = False
    fields = ["key_id", "issuer_name", "issuer_uscc", "algorithm", "valid_from", "valid_until", "compromised_at"]
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
