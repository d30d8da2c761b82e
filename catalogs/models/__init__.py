from .license_types import FaceField, FieldType, HolderKind, LicenseType, LicenseTypeStatus
from .organisations import Department, DepartmentLevel, Region
from .service_items import (
    ApplicantKind,
    MaterialMode,
    MaterialRequirement,
    Question,
    QuestionType,
    ServiceItem,
    ServiceItemKind,
    ServiceItemStatus,
)
from .workday_calendar import CalendarDay, CalendarSource, CalendarYear, DayKind

__all__ = [
    "ApplicantKind",
    "CalendarDay",
    "CalendarSource",
    "CalendarYear",
    "DayKind",
    "Department",
    "DepartmentLevel",
    "FaceField",
    "FieldType",
    "HolderKind",
    "LicenseType",
    "LicenseTypeStatus",
    "MaterialMode",
    "MaterialRequirement",
    "Question",
    "QuestionType",
    "Region",
    "ServiceItem",
    "ServiceItemKind",
    "ServiceItemStatus",
]
