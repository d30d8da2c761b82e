"""License types (证照类型) and their face fields (照面字段)."""

from catalogs.models import Department, FaceField, FieldType, HolderKind, LicenseType, LicenseTypeStatus
from catalogs.models.license_types import LICENSE_TYPE_CODE_RE
from catalogs.resources.base import CatalogResource, Column, ExportOnlyColumn
from catalogs.resources.organisations import explain_uscc
from catalogs.resources.widgets import (
    BooleanWidget,
    ChoiceWidget,
    IntegerWidget,
    ListWidget,
    LookupWidget,
    ManyLookupWidget,
    TextWidget,
)


def explain_license_type(value: str) -> str | None:
    if not LICENSE_TYPE_CODE_RE.match(value):
        return f"“{value}”不是有效的证照类型代码（应为定义部门的统一社会信用代码加3位顺序号，共21位）"
    return None


def license_type_lookup() -> LookupWidget:
    return LookupWidget(
        LicenseType,
        field="code",
        unknown="未找到证照类型“{value}”，请先导入该证照类型",
        explain=explain_license_type,
    )


class LicenseTypeResource(CatalogResource):
    entity = "license_types"
    sheet_name = "证照类型"
    natural_key = ("code",)
    prefetch_related = ("issuing_departments",)
    export_ordering = ("code",)

    code = Column(attribute="code", column_name="证照类型代码", widget=TextWidget())
    name = Column(attribute="name", column_name="证照名称", widget=TextWidget())
    holder_kind = Column(
        attribute="holder_kind",
        column_name="持证主体类别",
        widget=ChoiceWidget(HolderKind, what="持证主体类别"),
    )
    issuing_departments = Column(
        attribute="issuing_departments",
        column_name="发证部门（统一社会信用代码，用“|”分隔）",
        widget=ManyLookupWidget(
            Department,
            field="uscc",
            unknown="未找到统一社会信用代码为“{value}”的发证部门，请先导入该部门",
            explain=explain_uscc,
        ),
    )
    default_validity_years = Column(
        attribute="default_validity_years", column_name="默认有效期（年）", widget=IntegerWidget()
    )
    description = Column(attribute="description", column_name="说明", widget=TextWidget())
    status = ExportOnlyColumn(
        attribute="status", column_name="状态", widget=ChoiceWidget(LicenseTypeStatus, what="状态")
    )

    class Meta(CatalogResource.Meta):
        model = LicenseType
        fields = (
            "code",
            "name",
            "holder_kind",
            "issuing_departments",
            "default_validity_years",
            "description",
            "status",
        )
        import_id_fields = ("code",)
        export_order = fields
        import_order = fields
        use_bulk = False  # many-to-many issuing departments are saved row by row


class FaceFieldResource(CatalogResource):
    entity = "face_fields"
    sheet_name = "照面字段"
    natural_key = ("license_type", "key")
    select_related = ("license_type",)
    export_ordering = ("license_type__code", "position", "id")

    license_type = Column(attribute="license_type", column_name="证照类型代码", widget=license_type_lookup())
    key = Column(attribute="key", column_name="字段标识", widget=TextWidget())
    label = Column(attribute="label", column_name="字段名称", widget=TextWidget())
    field_type = Column(
        attribute="field_type",
        column_name="类型",
        widget=ChoiceWidget(FieldType, what="字段类型", default=FieldType.TEXT),
    )
    choices = Column(attribute="choices", column_name="可选值（用“|”分隔）", widget=ListWidget())
    required = Column(attribute="required", column_name="必填", widget=BooleanWidget(default=True))
    sensitivity = Column(
        attribute="sensitivity", column_name="敏感级别（1-4）", widget=IntegerWidget(), default=2
    )
    position = Column(attribute="position", column_name="顺序", widget=IntegerWidget(), default=0)

    class Meta(CatalogResource.Meta):
        model = FaceField
        fields = (
            "license_type",
            "key",
            "label",
            "field_type",
            "choices",
            "required",
            "sensitivity",
            "position",
        )
        import_id_fields = ("license_type", "key")
        export_order = fields
        import_order = fields
        use_bulk = True
