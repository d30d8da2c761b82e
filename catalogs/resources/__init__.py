"""Spreadsheet resources of the catalogs (django-import-export), one per entity.

``RESOURCES`` lists them in dependency order: a workbook's sheets are imported in this order,
whatever order they have in the file, so a department can name a region of the same workbook.
"""

from catalogs.resources.base import FROZEN, CatalogResource
from catalogs.resources.license_types import FaceFieldResource, LicenseTypeResource
from catalogs.resources.organisations import DepartmentResource, RegionResource
from catalogs.resources.service_items import (
    MaterialRequirementResource,
    QuestionResource,
    ServiceItemResource,
)

RESOURCES: tuple[type[CatalogResource], ...] = (
    RegionResource,
    DepartmentResource,
    LicenseTypeResource,
    FaceFieldResource,
    ServiceItemResource,
    QuestionResource,
    MaterialRequirementResource,
)

BY_ENTITY: dict[str, type[CatalogResource]] = {resource.entity: resource for resource in RESOURCES}
BY_MODEL = {resource._meta.model: resource for resource in RESOURCES}


def resource_for_entity(name: str) -> type[CatalogResource] | None:
    """By machine name (service_items), sheet title (政务服务事项) or model name (serviceitem)."""
    wanted = (name or "").strip()
    for resource in RESOURCES:
        if wanted in (resource.entity, resource.sheet_name, resource._meta.model._meta.model_name):
            return resource
    return None


__all__ = [
    "BY_ENTITY",
    "BY_MODEL",
    "FROZEN",
    "RESOURCES",
    "CatalogResource",
    "DepartmentResource",
    "FaceFieldResource",
    "LicenseTypeResource",
    "MaterialRequirementResource",
    "QuestionResource",
    "RegionResource",
    "ServiceItemResource",
    "resource_for_entity",
]
