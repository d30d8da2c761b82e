"""Reads of the catalogs. Public reads only ever see published versions in force today."""

from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from catalogs.models import Department, LicenseType, LicenseTypeStatus, MaterialRequirement, ServiceItem


def public_service_items(*, on: date | None = None) -> QuerySet[ServiceItem]:
    """用证清单: the version of each service item in force on ``on`` (today by default); never drafts."""
    day = on or timezone.localdate()
    return (
        ServiceItem.objects.effective_on(day)
        .select_related("department", "issues_license_type")
        .prefetch_related(
            Prefetch("materials", queryset=MaterialRequirement.objects.select_related("license_type")),
            "questions",
        )
        .order_by("code")
    )


def public_service_item(*, code: str, on: date | None = None) -> ServiceItem | None:
    return public_service_items(on=on).filter(code=code).first()


def issuing_departments() -> QuerySet[Department]:
    """发证清单: departments that issue at least one active license type, with those types."""
    active = LicenseType.objects.filter(status=LicenseTypeStatus.ACTIVE).order_by("code")
    return (
        Department.objects.filter(issued_license_types__status=LicenseTypeStatus.ACTIVE)
        .distinct()
        .select_related("region")
        .prefetch_related(Prefetch("issued_license_types", queryset=active))
        .order_by("region__code", "name")
    )


def active_license_types() -> QuerySet[LicenseType]:
    return LicenseType.objects.filter(status=LicenseTypeStatus.ACTIVE).prefetch_related(
        "issuing_departments", "face_fields"
    )


def service_item_versions(*, code: str) -> QuerySet[ServiceItem]:
    return ServiceItem.objects.filter(code=code).select_related("published_by").order_by("-version")


def issuing_rows() -> list[dict]:
    """Flat rows of the 发证清单 for downloads."""
    return [
        {
            "部门": dept.name,
            "统一社会信用代码": dept.uscc,
            "行政区划": dept.region.code,
            "证照类型代码": lt.code,
            "证照名称": lt.name,
            "持证主体": lt.get_holder_kind_display(),
            "有效期": f"{lt.default_validity_years}年" if lt.default_validity_years else "长期",
        }
        for dept in issuing_departments()
        for lt in dept.issued_license_types.all()
    ]


def usage_rows(*, on: date | None = None) -> list[dict]:
    """Flat rows of the 用证清单 for downloads."""
    return [
        {
            "事项编码": item.code,
            "事项名称": item.name,
            "版本": item.version,
            "实施部门": item.department.name,
            "材料": material.display_name,
            "证照类型代码": material.license_type.code if material.license_type_id else "",
            "提交方式": material.get_default_mode_display(),
            "必要": "是" if material.required else "否",
            "备注": material.note,
        }
        for item in public_service_items(on=on)
        for material in item.materials.all()
    ]
