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

__all__ = [
    "ApplicantKind",
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
