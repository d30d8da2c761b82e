"""Admin for issuing departments: each issuer sees and manages only its own department's licenses
and keys. Every write goes through the services (status changes with a reason, key rotation)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_noop, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportMixin

from catalogs.errors import DomainError
from catalogs.identifiers import mask_code
from catalogs.workbooks import UnreadableFile
from licenses.audit import Reader, record_access
from licenses.audit import admin as _sharing_admin  # noqa: F401  registers the sharing models
from licenses.importing import LicenseImportResource, SpreadsheetFormat
from licenses.models import AccessChannel, AccessResult, ELicense, LicenseVersion, SealKey, StatusAction, StatusChange
from licenses.selectors import licenses_managed_by, seal_keys_managed_by
from licenses.services import mark_key_compromised, rotate_seal_key
from licenses.services.status import change_status


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class VersionInline(ReadOnlyInline):
    model = LicenseVersion
    fields = ["version", "identifier", "is_current", "holder_name", "valid_from", "valid_until", "seal_algorithm", "sealed_at", "superseded_at"]
    readonly_fields = fields


class HistoryInline(ReadOnlyInline):
    model = StatusChange
    fields = ["at", "action", "from_status", "to_status", "reason", "actor"]
    readonly_fields = fields


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500)


# the status actions as verbs (the StatusAction labels are what happened: "Suspended", …)
STATUS_ACTION_VERBS = {
    StatusAction.SUSPENDED: pgettext_lazy("status action", "暂扣"),
    StatusAction.RESTORED: pgettext_lazy("status action", "恢复"),
    StatusAction.REVOKED: pgettext_lazy("status action", "吊销"),
    StatusAction.CANCELLED: pgettext_lazy("status action", "注销"),
}


def _status_action(action: str):
    label = StatusAction(action).label
    verb = STATUS_ACTION_VERBS[action]

    def run(modeladmin, request, queryset):
        if "apply" in request.POST:
            form = ReasonForm(request.POST)
            if form.is_valid():
                done = 0
                for lic in queryset:
                    try:
                        change_status(license=lic, action=action, actor=request.user, reason=form.cleaned_data["reason"])
                        done += 1
                    except DomainError as error:
                        modeladmin.message_user(request, gettext("%(license)s：%(error)s") % {"license": lic, "error": error.message},
                                                messages.ERROR)
                if done:
                    modeladmin.message_user(request, ngettext("已%(action)s %(count)d 个电子证照", "已%(action)s %(count)d 个电子证照", done)
                                            % {"action": label, "count": done})
                return None
        else:
            form = ReasonForm()
        context = {
            **modeladmin.admin_site.each_context(request), "title": gettext("%(verb)s电子证照") % {"verb": verb}, "form": form,
            "licenses": queryset, "action": request.POST.get("action"), "opts": modeladmin.model._meta, "verb": verb,
        }
        return TemplateResponse(request, "admin/licenses/status_reason.html", context)

    run.short_description = format_lazy(_("{verb}所选证照（须填写原因）"), verb=verb)
    run.__name__ = f"action_{action}"
    run.allowed_permissions = ("manage_status",)
    return run


@admin.register(ELicense)
class ELicenseAdmin(ImportMixin, admin.ModelAdmin):
    list_display = ["__str__", "license_type", "masked_holder", "issuer", "status", "created_at"]
    list_filter = ["status", "license_type"]
    search_fields = ["versions__identifier", "versions__number"]
    readonly_fields = ["license_type", "issuer", "serial", "masked_holder", "holder_code_type", "status", "source_status_code", "created_at", "status_changed_at"]
    exclude = ["holder_code"]
    inlines = [VersionInline, HistoryInline]
    actions = [_status_action(a) for a in (StatusAction.SUSPENDED, StatusAction.RESTORED, StatusAction.REVOKED, StatusAction.CANCELLED)]
    resource_classes = [LicenseImportResource]
    import_formats = [SpreadsheetFormat.XLSX, SpreadsheetFormat.CSV]  # one reader for every spreadsheet (catalogs.workbooks)
    skip_admin_log = True  # every imported license has its own history row (StatusChange)

    @admin.display(description=_("持证主体代码"))
    def masked_holder(self, obj):
        return mask_code(obj.holder_code)

    def get_queryset(self, request):
        return licenses_managed_by(user=request.user).select_related("license_type", "issuer")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and getattr(response, "status_code", None) == 200:
            lic = self.get_object(request, object_id)
            version = lic.current_version if lic else None
            if version is not None:  # opening a license in the admin is a read of it
                record_access(reader=Reader(channel=AccessChannel.ADMIN, user=request.user, purpose=gettext_noop("管理后台查看证照")),
                              result=AccessResult.GRANTED, license=lic, license_identifier=version.identifier, license_name=version.name)
        return response

    def has_add_permission(self, request):
        return False  # issue through the service (API, case outcome) or the import

    def has_delete_permission(self, request, obj=None):
        return False  # licenses are revoked or cancelled, never deleted

    def has_manage_status_permission(self, request):
        return request.user.has_perm("licenses.manage_status_elicense")

    def has_import_permission(self, request):
        return request.user.has_perm("licenses.import_elicense") and bool(request.user.department_id)

    def get_import_resource_kwargs(self, request, **kwargs):
        if not request.user.department_id:
            raise PermissionDenied(gettext("只有发证部门的工作人员可以导入存量证照"))
        return {"issuer": request.user.department, "actor": request.user}

    def add_data_read_fail_error_to_form(self, form, e):
        form.add_error("import_file", str(e) if isinstance(e, UnreadableFile) else gettext("无法读取文件，请检查文件格式"))

    def add_success_message(self, result, request):
        count = result.totals["new"]
        self.message_user(request, ngettext("已导入并签章 %(count)d 个电子证照", "已导入并签章 %(count)d 个电子证照", count) % {"count": count})


@admin.register(SealKey)
class SealKeyAdmin(admin.ModelAdmin):
    list_display = ["key_id", "department", "algorithm", "state", "trusted", "valid_from", "valid_until", "compromised_at"]
    list_filter = ["algorithm", "state", "trusted"]
    readonly_fields = ["department", "key_id", "algorithm", "public_key", "valid_from", "valid_until", "state", "compromised_at", "trusted", "note", "created_at"]
    actions = ["rotate", "mark_compromised_now"]

    def get_queryset(self, request):
        return seal_keys_managed_by(user=request.user).select_related("department")

    def has_add_permission(self, request):
        return False  # keys are generated by the rotation action or `create_seal_key`

    def has_delete_permission(self, request, obj=None):
        return False  # old keys must stay to verify what they sealed

    @admin.action(description=_("轮换所选密钥所属部门的签章密钥"), permissions=["change"])
    def rotate(self, request, queryset):
        for department in {key.department for key in queryset}:
            new_key = rotate_seal_key(department=department, actor=request.user, reason="管理后台轮换")
            self.message_user(request, gettext("%(department)s：新密钥 %(key_id)s 已启用") % {"department": department.name, "key_id": new_key.key_id})

    @admin.action(description=_("标记所选密钥自现在起泄露"), permissions=["change"])
    def mark_compromised_now(self, request, queryset):
        from django.utils import timezone

        for key in queryset:
            mark_key_compromised(key=key, since=timezone.now(), actor=request.user, reason="管理后台标记泄露")
        self.message_user(request, gettext("已标记泄露；泄露时间之后加盖的签章将核验失败"), messages.WARNING)
