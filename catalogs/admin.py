"""Admin for policy staff (目录管理员): catalogs with search, filters, inline material lists,
publishing and version history. Edit rights come from the policy_staff group's permissions
(catalogs/permissions.py); published versions are read-only for everybody."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from catalogs import selectors, services
from catalogs.admin_base import ChoiceListAdminMixin, DatePickerInput, EditableOnlyInDraftInline
from catalogs.admin_io import CatalogImportExportMixin
from catalogs.errors import DomainError
from catalogs.models import (
    CalendarDay,
    CalendarSource,
    CalendarYear,
    DayKind,
    Department,
    FaceField,
    LicenseType,
    MaterialRequirement,
    Question,
    Region,
    ServiceItem,
    ServiceItemStatus,
)


@admin.register(Region)
class RegionAdmin(CatalogImportExportMixin, admin.ModelAdmin):
    list_display = ["code", "name", "parent"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]


@admin.register(Department)
class DepartmentAdmin(CatalogImportExportMixin, admin.ModelAdmin):
    list_display = ["name", "uscc", "region", "level"]
    list_filter = ["level", "region"]
    search_fields = ["name", "uscc"]
    list_select_related = ["region"]
    autocomplete_fields = ["region"]


class FaceFieldInline(ChoiceListAdminMixin, admin.TabularInline):
    model = FaceField
    extra = 0
    fields = ["position", "key", "label", "field_type", "choices", "required", "sensitivity"]


@admin.register(LicenseType)
class LicenseTypeAdmin(CatalogImportExportMixin, admin.ModelAdmin):
    list_display = ["name", "code", "holder_kind", "status", "issuers"]
    list_filter = ["holder_kind", "status", "issuing_departments"]
    search_fields = ["name", "code"]
    filter_horizontal = ["issuing_departments"]
    inlines = [FaceFieldInline]
    actions = ["retire"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("issuing_departments")

    @admin.display(description=_("发证部门"))
    def issuers(self, obj: LicenseType) -> str:
        return "、".join(d.name for d in obj.issuing_departments.all())

    @admin.action(description=_("停用所选证照类型"), permissions=["change"])
    def retire(self, request, queryset):
        for license_type in queryset:
            services.retire_license_type(license_type=license_type)
        self.message_user(request, f"已停用 {queryset.count()} 种证照类型；引用它们的事项将无法发布新版本。")


class QuestionInline(ChoiceListAdminMixin, EditableOnlyInDraftInline, admin.TabularInline):
    extra = 0
    model = Question
    fields = ["position", "key", "label", "answer_type", "choices", "required", "help_text"]


class MaterialInline(EditableOnlyInDraftInline, admin.TabularInline):
    extra = 0
    model = MaterialRequirement
    fields = ["position", "license_type", "material_name", "default_mode", "required", "note"]
    autocomplete_fields = ["license_type"]


class PublishForm(forms.Form):
    effective_from = forms.DateField(label=_("生效日期"), widget=DatePickerInput())


class LifecycleFilter(admin.SimpleListFilter):
    title = _("生命周期")
    parameter_name = "lifecycle"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("草稿")),
            ("current", _("现行")),
            ("pending", _("待生效")),
            ("retired", _("已废止")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "draft":
            return queryset.filter(status=ServiceItemStatus.DRAFT)
        if self.value() == "current":
            return queryset.effective_on(today)
        if self.value() == "pending":
            return queryset.published().filter(valid_from__gt=today)
        if self.value() == "retired":
            return queryset.published().filter(valid_until__lte=today)
        return queryset


@admin.register(ServiceItem)
class ServiceItemAdmin(CatalogImportExportMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "version",
        "lifecycle",
        "promised_days",
        "statutory_days",
        "valid_from",
        "valid_until",
        "department",
    ]
    list_filter = [LifecycleFilter, "status", "kind", "applicant_kind", "department"]
    search_fields = ["code", "name"]
    list_select_related = ["department"]
    autocomplete_fields = ["department", "issues_license_type"]
    inlines = [QuestionInline, MaterialInline]
    actions = ["publish", "new_version"]
    readonly_fields = ["code_version_status", "version_history"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "code" and field is not None:
            field.help_text = _("数字、大写字母和“-”，6至64位，如 630000-MZ-0001（区划代码-部门简码-序号）")
            field.widget.attrs.update({"placeholder": "630000-MZ-0001"})
        return field

    fieldsets = [
        (None, {"fields": ["code", "name", "department", "kind", "applicant_kind"]}),
        (
            _("办理要素"),
            {
                "fields": [
                    "promised_days",
                    "statutory_days",
                    "fee",
                    "legal_basis",
                    "issues_license_type",
                    "retention_years",
                ]
            },
        ),
        (_("版本"), {"fields": ["code_version_status", "version_history"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == ServiceItemStatus.PUBLISHED:
            return [f for fs in self.fieldsets for f in fs[1]["fields"]]
        if obj is not None:
            return [*self.readonly_fields, "code"]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        # only drafts may be deleted; published versions are history
        if obj is not None and obj.status == ServiceItemStatus.PUBLISHED:
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if any(o.status == ServiceItemStatus.PUBLISHED for o in objs):
            perms_needed = {*perms_needed, "已发布的事项版本"}
        return deleted, model_count, perms_needed, protected

    @admin.display(description=_("生命周期"))
    def lifecycle(self, obj: ServiceItem) -> str:
        return obj.lifecycle_label

    @admin.display(description=_("当前版本"))
    def code_version_status(self, obj: ServiceItem) -> str:
        if obj.pk is None:
            return "新建后为第 1 版草稿"
        return f"第 {obj.version} 版 · {obj.lifecycle_label}"

    @admin.display(description=_("版本历史"))
    def version_history(self, obj: ServiceItem) -> str:
        if obj.pk is None:
            return "-"
        rows = [
            (
                reverse("admin:catalogs_serviceitem_change", args=[v.pk]),
                v.version,
                v.lifecycle_label,
                f"{v.valid_from:%Y-%m-%d}" if v.valid_from else "—",
                f"{v.valid_until:%Y-%m-%d}" if v.valid_until else "长期",
                v.published_by or "—",
            )
            for v in selectors.service_item_versions(code=obj.code)
        ]
        return format_html(
            "<table><tr><th>版本</th><th>状态</th><th>生效</th><th>失效</th><th>发布人</th></tr>{}</table>",
            format_html_join(
                "",
                '<tr><td><a href="{}">第 {} 版</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
                rows,
            ),
        )

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("catalogs.publish_serviceitem")

    @admin.action(description=_("发布所选草稿"), permissions=["publish"])
    def publish(self, request, queryset):
        drafts = list(queryset.filter(status=ServiceItemStatus.DRAFT))
        if not drafts:
            self.message_user(request, "所选事项中没有草稿版本。", messages.WARNING)
            return None
        form = PublishForm(
            request.POST if "apply" in request.POST else None,
            initial={"effective_from": timezone.localdate()},
        )
        if form.is_valid():
            for item in drafts:
                try:
                    warnings = services.publish_warnings(item=item)
                    services.publish_service_item(
                        item=item, effective_from=form.cleaned_data["effective_from"], user=request.user
                    )
                    self.message_user(request, f"已发布：{item}")
                    for warning in warnings:
                        self.message_user(request, f"{item}：{warning}", messages.WARNING)
                except DomainError as error:
                    self.message_user(request, f"{item}：{error.message}", messages.ERROR)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "发布事项",
            "form": form,
            "drafts": drafts,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "rows": [
                (item, services.publish_problems(item=item), services.publish_warnings(item=item))
                for item in drafts
            ],
        }
        return TemplateResponse(request, "admin/catalogs/serviceitem/publish.html", context)

    @admin.action(description=_("基于所选版本创建新草稿"), permissions=["add"])
    def new_version(self, request, queryset):
        created = []
        for item in queryset:
            created.append(services.create_draft_version(item=item))
        if len(created) == 1:
            return redirect("admin:catalogs_serviceitem_change", created[0].pk)
        self.message_user(request, f"已创建或打开 {len(created)} 个草稿版本。")
        return None

    def get_urls(self):
        return [
            path(
                "<int:pk>/new-version/",
                self.admin_site.admin_view(self.new_version_view),
                name="catalogs_serviceitem_new_version",
            ),
            *super().get_urls(),
        ]

    def new_version_view(self, request, pk: int):
        if request.method != "POST" or not self.has_add_permission(request):
            return redirect("admin:catalogs_serviceitem_change", pk)
        draft = services.create_draft_version(item=ServiceItem.objects.get(pk=pk))
        self.message_user(request, f"已创建第 {draft.version} 版草稿，修改后请发布。")
        return redirect("admin:catalogs_serviceitem_change", draft.pk)


@admin.register(FaceField)
class FaceFieldAdmin(ChoiceListAdminMixin, CatalogImportExportMixin, admin.ModelAdmin):
    """Face fields are edited inline on their license type; this list exists for spreadsheets and search."""

    list_display = ["license_type", "key", "label", "field_type", "sensitivity"]
    list_filter = ["field_type", "sensitivity"]
    search_fields = ["key", "label", "license_type__name", "license_type__code"]
    list_select_related = ["license_type"]
    autocomplete_fields = ["license_type"]


class ReadOnlyForPublishedMixin:
    """Questions and materials of a published version are frozen with it."""

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.service_item.status == ServiceItemStatus.PUBLISHED:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.service_item.status == ServiceItemStatus.PUBLISHED:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Question)
class QuestionAdmin(
    ChoiceListAdminMixin, ReadOnlyForPublishedMixin, CatalogImportExportMixin, admin.ModelAdmin
):
    list_display = ["service_item", "key", "label", "answer_type", "required"]
    list_filter = ["answer_type"]
    search_fields = ["key", "label", "service_item__code", "service_item__name"]
    list_select_related = ["service_item"]
    autocomplete_fields = ["service_item"]


@admin.register(MaterialRequirement)
class MaterialRequirementAdmin(ReadOnlyForPublishedMixin, CatalogImportExportMixin, admin.ModelAdmin):
    list_display = ["service_item", "display_name", "default_mode", "required"]
    list_filter = ["default_mode", "required"]
    search_fields = ["material_name", "license_type__name", "service_item__code", "service_item__name"]
    list_select_related = ["service_item", "license_type"]
    autocomplete_fields = ["service_item", "license_type"]


class CalendarYearFilter(admin.SimpleListFilter):
    title = _("年度")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = CalendarDay.objects.dates("date", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        return (
            queryset.filter(date__year=int(self.value()))
            if self.value() and self.value().isdigit()
            else queryset
        )


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """法定节假日 and 调休上班 days. Seeded years come from chinese-calendar; an edit here is kept on re-seeding."""

    list_display = ["date", "weekday", "kind", "name", "source", "updated_by", "updated_at"]
    list_filter = [CalendarYearFilter, "kind", "source"]
    search_fields = ["name"]
    date_hierarchy = "date"
    list_select_related = ["updated_by"]
    fields = ["date", "kind", "name", "source", "updated_by", "updated_at"]
    readonly_fields = ["source", "updated_by", "updated_at"]

    @admin.display(description=_("星期"))
    def weekday(self, obj: CalendarDay) -> str:
        return f"周{obj.weekday_name}"

    def save_model(self, request, obj, form, change):
        services.save_calendar_day(day=obj, user=request.user)


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    """A year counts in working days only once it is here: seeded from the package or confirmed by an admin."""

    list_display = [
        "year",
        "source",
        "source_detail",
        "holidays",
        "makeup_workdays",
        "confirmed_by",
        "confirmed_at",
    ]
    list_filter = ["source"]
    fields = ["year", "source_detail", "source", "confirmed_by", "confirmed_at"]
    readonly_fields = ["source", "confirmed_by", "confirmed_at"]

    def get_queryset(self, request):
        def count(kind: str):
            days = (
                CalendarDay.objects.filter(date__year=OuterRef("year"), kind=kind).order_by().values("kind")
            )
            return Coalesce(Subquery(days.annotate(n=Count("pk")).values("n")[:1]), 0)

        return (
            super()
            .get_queryset(request)
            .select_related("confirmed_by")
            .annotate(holiday_count=count(DayKind.HOLIDAY), makeup_count=count(DayKind.MAKEUP_WORKDAY))
        )

    @admin.display(description=_("法定节假日（天）"), ordering="holiday_count")
    def holidays(self, obj: CalendarYear) -> int:
        return obj.holiday_count

    @admin.display(description=_("调休上班（天）"), ordering="makeup_count")
    def makeup_workdays(self, obj: CalendarYear) -> int:
        return obj.makeup_count

    def save_model(self, request, obj, form, change):
        services.confirm_calendar_year(year=obj, user=request.user)
        if change and form.initial.get("source") == CalendarSource.PACKAGE:
            self.message_user(
                request,
                f"{obj.year} 年改由管理员维护：重新载入软件包数据时将不再改动该年度。",
                messages.WARNING,
            )
