"""Spreadsheet import/export in the catalog admin, backed by :mod:`catalogs.importing`.

Add :class:`CatalogImportExportMixin` to each catalog ModelAdmin (before ``admin.ModelAdmin``)::

    @admin.register(ServiceItem)
    class ServiceItemAdmin(CatalogImportExportMixin, admin.ModelAdmin): ...

It keeps import-export's change-list buttons and URLs (``…/import/``, ``…/export/``) but runs the
catalog import service: one upload, one transaction, all-or-nothing, every bad row listed with
its row number, column and Chinese reason. Only users who may change the model (policy_staff)
see the buttons or reach the views; a workbook's sheets are limited to the entities the user may
change.
"""

import secrets

from django import forms
from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.base_user import AbstractBaseUser as User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from import_export.admin import ImportExportMixin

from catalogs.importing import CatalogImportFailed, export_catalog, import_catalog
from catalogs.resources import BY_MODEL, RESOURCES
from catalogs.workbooks import UnreadableFile, file_format

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
KEPT_SESSION_KEY = "catalog_import_kept"
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def may_change(user: User, model) -> bool:
    return user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


class CatalogImportForm(forms.Form):
    file = forms.FileField(
        label="电子表格文件", help_text="XLSX 工作簿（每类目录一个工作表）或本类目录的 CSV 文件"
    )
    dry_run = forms.BooleanField(label="只检查，不写入", required=False, initial=True)

    def __init__(self, *args, kept: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept = kept
        if kept:
            self.fields["file"].required = False
            self.fields["file"].help_text = f"不选择新文件时导入上次检查的“{kept['name']}”"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload is None:
            return None  # the file kept from the dry run
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"文件过大：最大 {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
        try:
            file_format(upload.name)
        except UnreadableFile as error:
            raise forms.ValidationError(str(error)) from None
        return upload


class CatalogImportExportMixin(ImportExportMixin):
    import_template_name = "admin/catalogs/catalog_import.html"
    export_template_name = "admin/catalogs/catalog_export.html"

    @property
    def catalog_resource(self):
        return BY_MODEL[self.model]

    def get_resource_classes(self, request):
        return [self.catalog_resource]

    def has_import_permission(self, request):
        return may_change(request.user, self.model)

    def has_export_permission(self, request):
        return may_change(request.user, self.model)

    def _context(self, request, title: str, **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "resource": self.catalog_resource,
            "columns": self.catalog_resource.columns(),
            **extra,
        }

    # a checked file is kept between the dry run and the real run (one per user session, in the default storage)
    def _kept(self, request, token: str | None) -> dict | None:
        kept = request.session.get(KEPT_SESSION_KEY)
        if kept and token and kept.get("token") == token and default_storage.exists(kept["path"]):
            return kept
        return None

    def _keep(self, request, *, data: bytes, name: str) -> dict:
        self._forget(request)
        token = secrets.token_urlsafe(16)
        path = default_storage.save(f"catalog-imports/{token}", ContentFile(data))
        kept = {"token": token, "path": path, "name": name}
        request.session[KEPT_SESSION_KEY] = kept
        return kept

    def _forget(self, request) -> None:
        kept = request.session.pop(KEPT_SESSION_KEY, None)
        if kept and default_storage.exists(kept["path"]):
            default_storage.delete(kept["path"])

    def import_action(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        kept = self._kept(request, request.POST.get("kept"))
        form = CatalogImportForm(request.POST or None, request.FILES or None, kept=kept)
        context = self._context(request, f"导入{self.catalog_resource.sheet_name}", form=form)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            if upload is not None:
                data, name = upload.read(), upload.name
            else:
                with default_storage.open(kept["path"], "rb") as stored:
                    data, name = stored.read(), kept["name"]
            allowed = [r.entity for r in RESOURCES if may_change(request.user, r._meta.model)]
            is_csv = file_format(name) == "csv"
            try:
                report = import_catalog(
                    data=data,
                    filename=name,
                    entity=self.catalog_resource.entity if is_csv else None,
                    dry_run=form.cleaned_data["dry_run"],
                    allowed_entities=allowed,
                )
            except CatalogImportFailed as failure:
                context["report"] = failure.report
                return TemplateResponse(request, [self.import_template_name], context, status=400)
            if report.dry_run:
                context["report"] = report
                context["kept"] = self._keep(request, data=data, name=name)
                context["form"] = CatalogImportForm(initial={"dry_run": False}, kept=context["kept"])
                return TemplateResponse(request, [self.import_template_name], context)
            self._forget(request)
            self.log_import(request, filename=name, report=report)
            messages.success(request, report.summary())
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            )
        return TemplateResponse(request, [self.import_template_name], context)

    def log_import(self, request, *, filename: str, report) -> None:
        """One admin history entry per imported sheet (who, when, which file, how many rows)."""
        by_entity = {r.entity: r._meta.model for r in RESOURCES}
        for sheet in report.sheets:
            if not (sheet.new or sheet.updated):
                continue
            LogEntry.objects.create(
                user_id=request.user.pk,
                content_type=ContentType.objects.get_for_model(by_entity[sheet.entity]),
                object_id=None,
                object_repr=f"电子表格导入：{filename}"[:200],
                action_flag=CHANGE,
                change_message=str(sheet),
            )

    def process_import(self, request, **kwargs):
        """Import is a single step here (see :meth:`import_action`); the confirm URL only redirects back."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"))

    def export_action(self, request):
        if not self.has_export_permission(request):
            raise PermissionDenied
        fmt = request.GET.get("format") or request.POST.get("format")
        if fmt not in CONTENT_TYPES:
            return TemplateResponse(
                request,
                [self.export_template_name],
                self._context(request, f"导出{self.catalog_resource.sheet_name}"),
            )
        data = export_catalog(file_format=fmt, entity=self.catalog_resource.entity)
        response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
        filename = f"{self.catalog_resource.entity}-{timezone.localdate():%Y%m%d}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
