"""Regions (行政区划) and departments (部门)."""

from django.core.exceptions import ValidationError

from catalogs.identifiers import check_uscc
from catalogs.models import Department, DepartmentLevel, Region
from catalogs.resources.base import CatalogResource, Column
from catalogs.resources.widgets import ChoiceWidget, LookupWidget, TextWidget


def explain_uscc(value: str) -> str | None:
    """Why a USCC names no department: a bad check character says more than “unknown”."""
    try:
        check_uscc(value)
    except ValidationError as error:
        return f"“{value}”不是有效的统一社会信用代码：{error.messages[0]}"
    return None


def department_lookup() -> LookupWidget:
    return LookupWidget(
        Department,
        field="uscc",
        unknown="未找到统一社会信用代码为“{value}”的部门，请先导入该部门",
        explain=explain_uscc,
    )


class RegionResource(CatalogResource):
    entity = "regions"
    sheet_name = "行政区划"
    natural_key = ("code",)
    select_related = ("parent",)
    export_ordering = ("code",)

    code = Column(attribute="code", column_name="行政区划代码", widget=TextWidget())
    name = Column(attribute="name", column_name="名称", widget=TextWidget())
    parent = Column(
        attribute="parent",
        column_name="上级区划代码",
        widget=LookupWidget(
            Region, field="code", unknown="未找到上级区划“{value}”：请先导入上级区划（放在本行之前）"
        ),
    )

    class Meta(CatalogResource.Meta):
        model = Region
        fields = ("code", "name", "parent")
        import_id_fields = ("code",)
        export_order = fields
        import_order = fields
        use_bulk = False


class DepartmentResource(CatalogResource):
    entity = "departments"
    sheet_name = "部门"
    natural_key = ("uscc",)
    unique_sets = (("region", "name"),)
    select_related = ("region",)
    export_ordering = ("region__code", "name")

    uscc = Column(attribute="uscc", column_name="统一社会信用代码", widget=TextWidget())
    name = Column(attribute="name", column_name="部门名称", widget=TextWidget())
    region = Column(
        attribute="region",
        column_name="行政区划代码",
        widget=LookupWidget(Region, field="code", unknown="未找到行政区划“{value}”，请先导入该区划"),
    )
    level = Column(
        attribute="level",
        column_name="层级",
        widget=ChoiceWidget(DepartmentLevel, what="层级", default=DepartmentLevel.PROVINCE),
    )

    class Meta(CatalogResource.Meta):
        model = Department
        fields = ("uscc", "name", "region", "level")
        import_id_fields = ("uscc",)
        export_order = fields
        import_order = fields
        use_bulk = False
