"""Admin for issuing departments: each issuer sees and manages only its own department's licenses
and keys. Every write goes through the services (status changes with a reason, key rotation)."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_noop, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportMixin

from catalogs.errors import DomainError
from catalogs.identifiers import mask_code, mask_name
from catalogs.workbooks import UnreadableFile
from licenses.audit import Reader, record_access
from licenses.audit import admin as _sharing_admin  # noqa: F401  registers the sharing models
from licenses.forms import IssueLicenseForm, LicenseImportForm, LicenseTypeChoiceForm
from licenses.importing import (
    LicenseImportResource,
    SpreadsheetFormat,
    dataset_from_bytes,
    import_licenses,
    template_workbook,
)
from licenses.models import (
    AccessChannel,
    AccessResult,
    ELicense,
    LicenseVersion,
    SealKey,
    StatusAction,
    StatusChange,
)
from licenses.qr import verification_qr_svg
from licenses.selectors import (
    licenses_managed_by,
    seal_keys_managed_by,
    verification_url,
    with_current_version,
)
from licenses.services import issue_license, mark_key_compromised, rotate_seal_key
from licenses.services.status import change_status

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class VersionInline(ReadOnlyInline):
    model = LicenseVersion
    fields = [
        "version",
        "identifier",
        "is_current",
        "holder_name",
        "valid_from",
        "valid_until",
        "seal_algorithm",
        "sealed_at",
        "superseded_at",
    ]
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
                        change_status(
                            license=lic, action=action, actor=request.user, reason=form.cleaned_data["reason"]
                        )
                        done += 1
                    except DomainError as error:
                        modeladmin.message_user(
                            request,
                            gettext("%(license)s：%(error)s") % {"license": lic, "error": error.message},
                            messages.ERROR,
                        )
                if done:
                    modeladmin.message_user(
                        request,
                        ngettext(
                            "已%(action)s %(count)d 个电子证照", "已%(action)s %(count)d 个电子证照", done
                        )
                        % {"action": label, "count": done},
                    )
                return None
        else:
            form = ReasonForm()
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": gettext("%(verb)s电子证照") % {"verb": verb},
            "form": form,
            "licenses": queryset,
            "action": request.POST.get("action"),
            "opts": modeladmin.model._meta,
            "verb": verb,
        }
        return TemplateResponse(request, "admin/licenses/status_reason.html", context)

    run.short_description = format_lazy(_("{verb}所选证照（须填写原因）"), verb=verb)
    run.__name__ = f"action_{action}"
    run.allowed_permissions = ("manage_status",)
    return run


@admin.register(ELicense)
class ELicenseAdmin(ImportMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "license_type",
        "masked_holder_name",
        "masked_holder",
        "issuer",
        "status",
        "created_at",
    ]
    list_filter = ["status", "license_type"]
    # by identifier, number, the holder's name (any version) or the holder's full code (exact)
    search_fields = ["versions__identifier", "versions__number", "versions__holder_name", "=holder_code"]
    search_help_text = _("可按证照标识、证照编号、持证主体名称或完整的持证主体代码查找")
    readonly_fields = [
        "license_type",
        "issuer",
        "serial",
        "masked_holder",
        "holder_code_type",
        "status",
        "source_status_code",
        "created_at",
        "status_changed_at",
        "verification",
    ]
    exclude = ["holder_code"]
    inlines = [VersionInline, HistoryInline]
    actions = [
        _status_action(a)
        for a in (StatusAction.SUSPENDED, StatusAction.RESTORED, StatusAction.REVOKED, StatusAction.CANCELLED)
    ]
    import_export_change_list_template = "admin/licenses/elicense/change_list.html"
    resource_classes = [LicenseImportResource]
    import_formats = [
        SpreadsheetFormat.XLSX,
        SpreadsheetFormat.CSV,
    ]  # one reader for every spreadsheet (catalogs.workbooks)
    skip_admin_log = True  # every imported license has its own history row (StatusChange)

    @admin.display(description=_("持证主体代码"))
    def masked_holder(self, obj):
        return mask_code(obj.holder_code)

    @admin.display(description=_("持证主体"))
    def masked_holder_name(self, obj):
        versions = getattr(obj, "current_versions", None)
        version = versions[0] if versions else None
        return mask_name(version.holder_name) if version else "—"

    @admin.display(description=_("核验"))
    def verification(self, obj):
        version = obj.current_version if obj and obj.pk else None
        if version is None:
            return "—"
        base = settings.PUBLIC_BASE_URL  # what the QR code printed on paper carries
        return format_html(
            '<div class="license-verification"><a href="{path}" target="_blank" rel="noopener">{label}</a><br>{address_label}<code>{url}</code>'
            "<br>{code_label}<code>{code}</code><div>{qr}</div></div>",
            path=verification_url(version),
            url=base.rstrip("/") + verification_url(version),
            label=gettext("打开核验页"),
            address_label=gettext("核验地址："),
            code_label=gettext("核验码："),
            code=version.verification_code,
            qr=verification_qr_svg(version=version, base_url=base),
        )

    def get_queryset(self, request):
        return with_current_version(licenses_managed_by(user=request.user))

    # --- issuing one license ---------------------------------------------------------------

    def get_urls(self):
        own = [path("issue/", self.admin_site.admin_view(self.issue_view), name="licenses_elicense_issue")]
        return own + super().get_urls()

    def has_issue_permission(self, request) -> bool:
        return request.user.has_perm("licenses.issue_elicense") and bool(request.user.department_id)

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(
            request, {**(extra_context or {}), "can_issue": self.has_issue_permission(request)}
        )

    def issue_view(self, request):
        if not self.has_issue_permission(request):
            raise PermissionDenied(gettext("只有发证部门的工作人员可以签发电子证照"))
        department = request.user.department
        type_form = LicenseTypeChoiceForm(request.GET or None, issuer=department)
        license_type = (
            type_form.cleaned_data["license_type"] if type_form.is_bound and type_form.is_valid() else None
        )
        form = None
        if license_type is not None:
            form = IssueLicenseForm(
                request.POST if request.method == "POST" else None, license_type=license_type
            )
            if request.method == "POST" and form.is_valid():
                try:
                    version = issue_license(issuer=department, actor=request.user, **form.service_arguments())
                except DomainError as error:
                    if error.params:
                        form.add_service_errors(error.params)
                    else:
                        form.add_error(None, error.message)
                else:
                    self.message_user(
                        request,
                        gettext("已签发并加盖电子印章：%(name)s %(identifier)s")
                        % {"name": version.name, "identifier": version.identifier},
                        messages.SUCCESS,
                    )
                    return redirect(reverse("admin:licenses_elicense_change", args=[version.license_id]))
        sections = []
        if form is not None:
            sections = [
                (gettext("持证主体"), form.holder_fields),
                (gettext("照面信息"), form.face_bound_fields),
                (gettext("证照信息"), form.metadata_fields),
            ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("签发电子证照"),
            "department": department,
            "type_form": type_form,
            "license_type": license_type,
            "form": form,
            "form_sections": sections,
        }
        return TemplateResponse(request, "admin/licenses/elicense/issue.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and getattr(response, "status_code", None) == 200:
            lic = self.get_object(request, object_id)
            version = lic.current_version if lic else None
            if version is not None:  # opening a license in the admin is a read of it
                record_access(
                    reader=Reader(
                        channel=AccessChannel.ADMIN,
                        user=request.user,
                        purpose=gettext_noop("管理后台查看证照"),
                    ),
                    result=AccessResult.GRANTED,
                    license=lic,
                    license_identifier=version.identifier,
                    license_name=version.name,
                )
        return response

    def has_add_permission(self, request):
        return False  # issue through the service (API, case outcome) or the import

    def has_delete_permission(self, request, obj=None):
        return False  # licenses are revoked or cancelled, never deleted

    def has_manage_status_permission(self, request):
        return request.user.has_perm("licenses.manage_status_elicense")

    def has_import_permission(self, request):
        return request.user.has_perm("licenses.import_elicense") and bool(request.user.department_id)

    def import_action(self, request, **kwargs):
        """One page: a column template per license type, a dry run, every bad row with its spreadsheet line
        (licenses.importing.import_licenses; import-export's generic two-step page is not used)."""
        if not self.has_import_permission(request):
            raise PermissionDenied(gettext("只有发证部门的工作人员可以导入存量证照"))
        department = request.user.department
        template_form = LicenseTypeChoiceForm(
            request.GET if "template" in request.GET else None, issuer=department
        )
        if template_form.is_bound and template_form.is_valid():
            license_type = template_form.cleaned_data["license_type"]
            response = HttpResponse(template_workbook(license_type), content_type=XLSX_CONTENT_TYPE)
            response["Content-Disposition"] = (
                f'attachment; filename="license-import-{license_type.code}.xlsx"'
            )
            return response
        form = LicenseImportForm(request.POST or None, request.FILES or None)
        outcome = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                dataset = dataset_from_bytes(upload.read(), filename=upload.name)
            except (
                UnreadableFile
            ) as error:  # damaged, formulas, unknown encoding: the reader says which, in Chinese
                form.add_error("file", str(error))
            except Exception:  # anything else unreadable is the user's to fix too
                form.add_error("file", gettext("无法读取该文件：请用导入模板另存为 XLSX 或 UTF-8 编码的 CSV"))
            else:
                outcome = import_licenses(
                    dataset=dataset,
                    issuer=department,
                    actor=request.user,
                    dry_run=form.cleaned_data["dry_run"],
                )
                if outcome.ok and not outcome.dry_run:
                    self.message_user(
                        request,
                        ngettext(
                            "已导入并签章 %(count)d 个电子证照",
                            "已导入并签章 %(count)d 个电子证照",
                            outcome.created,
                        )
                        % {"count": outcome.created},
                    )
                    return redirect(reverse("admin:licenses_elicense_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("导入存量证照"),
            "department": department,
            "template_form": template_form
            if template_form.is_bound
            else LicenseTypeChoiceForm(issuer=department),
            "form": form,
            "outcome": outcome,
        }
        return TemplateResponse(
            request,
            "admin/licenses/elicense/import.html",
            context,
            status=400 if outcome and not outcome.ok else 200,
        )

    def process_import(self, request, **kwargs):
        """Import is a single step here (see import_action); the confirm URL only leads back."""
        return redirect(reverse("admin:licenses_elicense_import"))


@admin.register(SealKey)
class SealKeyAdmin(admin.ModelAdmin):
    list_display = [
        "key_id",
        "department",
        "algorithm",
        "state",
        "trusted",
        "valid_from",
        "valid_until",
        "compromised_at",
    ]
    list_filter = ["algorithm", "state", "trusted"]
    readonly_fields = [
        "department",
        "key_id",
        "algorithm",
        "public_key",
        "valid_from",
        "valid_until",
        "state",
        "compromised_at",
        "trusted",
        "note",
        "created_at",
    ]
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
            self.message_user(
                request,
                gettext("%(department)s：新密钥 %(key_id)s 已启用")
                % {"department": department.name, "key_id": new_key.key_id},
            )

    @admin.action(description=_("标记所选密钥自现在起泄露"), permissions=["change"])
    def mark_compromised_now(self, request, queryset):
        for key in queryset:
            mark_key_compromised(key=key, since=timezone.now(), actor=request.user, reason="管理后台标记泄露")
        self.message_user(request, gettext("已标记泄露；泄露时间之后加盖的签章将核验失败"), messages.WARNING)
