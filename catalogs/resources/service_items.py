"""Service items (政务服务事项), their questions (申请人问题) and material lists (材料清单).

Versioning rule: an import may create or change *draft* versions only. A row that would change a
published version (or add a question or material to it) is refused with “已发布的版本不可修改，请新建
版本”; an unchanged published row is skipped. Status and validity dates are exported for reading
but never imported: a new version is always created as a draft and published in the admin.
"""

from django.db.models import Max

from catalogs.models import (
    ApplicantKind,
    MaterialMode,
    MaterialRequirement,
    Question,
    QuestionType,
    ServiceItem,
    ServiceItemKind,
    ServiceItemStatus,
)
from catalogs.resources.base import (
    FROZEN,
    CatalogResource,
    Column,
    ExportOnlyColumn,
    add_error,
    service_item_ref,
)
from catalogs.resources.license_types import license_type_lookup
from catalogs.resources.organisations import department_lookup
from catalogs.resources.widgets import (
    BooleanWidget,
    ChoiceWidget,
    DateTimeWidget,
    DateWidget,
    DecimalWidget,
    IntegerWidget,
    ListWidget,
    TextWidget,
)
from catalogs.services import copy_questions_and_materials


class ServiceItemResource(CatalogResource):
    entity = "service_items"
    sheet_name = "政务服务事项"
    natural_key = ("code", "version")
    select_related = ("department", "issues_license_type")
    export_ordering = ("code", "version")

    code = Column(attribute="code", column_name="事项编码", widget=TextWidget())
    version = Column(attribute="version", column_name="版本", widget=IntegerWidget())
    name = Column(attribute="name", column_name="事项名称", widget=TextWidget())
    department = Column(
        attribute="department", column_name="实施部门（统一社会信用代码）", widget=department_lookup()
    )
    kind = Column(
        attribute="kind",
        column_name="事项类型",
        widget=ChoiceWidget(ServiceItemKind, what="事项类型", default=ServiceItemKind.PUBLIC_SERVICE),
    )
    applicant_kind = Column(
        attribute="applicant_kind",
        column_name="服务对象",
        widget=ChoiceWidget(ApplicantKind, what="服务对象", default=ApplicantKind.PERSON),
    )
    promised_days = Column(
        attribute="promised_days", column_name="承诺时限（工作日）", widget=IntegerWidget(), default=1
    )
    # no default: an empty cell means the item has no statutory limit (and old sheets without the column still import)
    statutory_days = Column(
        attribute="statutory_days", column_name="法定时限（工作日）", widget=IntegerWidget()
    )
    legal_basis = Column(attribute="legal_basis", column_name="设定依据", widget=TextWidget())
    fee = Column(attribute="fee", column_name="收费标准（元）", widget=DecimalWidget(), default=0)
    issues_license_type = Column(
        attribute="issues_license_type", column_name="办结出证（证照类型代码）", widget=license_type_lookup()
    )
    retention_years = Column(
        attribute="retention_years", column_name="档案保管期限（年）", widget=IntegerWidget(), default=30
    )
    status = ExportOnlyColumn(
        attribute="status", column_name="状态", widget=ChoiceWidget(ServiceItemStatus, what="状态")
    )
    valid_from = ExportOnlyColumn(attribute="valid_from", column_name="生效日期", widget=DateWidget())
    valid_until = ExportOnlyColumn(attribute="valid_until", column_name="失效日期", widget=DateWidget())
    published_at = ExportOnlyColumn(attribute="published_at", column_name="发布时间", widget=DateTimeWidget())

    class Meta(CatalogResource.Meta):
        model = ServiceItem
        fields = (
            "code",
            "version",
            "name",
            "department",
            "kind",
            "applicant_kind",
            "promised_days",
            "statutory_days",
            "legal_basis",
            "fee",
            "issues_license_type",
            "retention_years",
            "status",
            "valid_from",
            "valid_until",
            "published_at",
        )
        import_id_fields = ("code", "version")
        export_order = fields
        import_order = fields
        use_bulk = True

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        versions = ServiceItem.objects.values_list
        self._draft_version = dict(versions("code", "version").filter(status=ServiceItemStatus.DRAFT))
        self._highest_version = dict(
            ServiceItem.objects.values("code").annotate(highest=Max("version")).values_list("code", "highest")
        )
        self._copy_from: dict[tuple[str, int], int] = {}  # (code, new version) → the version it continues

    def check_row(self, instance, errors, sheet_row):
        if instance.pk is not None or instance.version is None:
            return
        code, version = instance.code, instance.version
        draft = self._draft_version.get(code)
        if draft is not None:
            add_error(
                errors, "version", f"事项“{code}”已有草稿第 {draft} 版：请直接修改该草稿，不要再新建版本"
            )
            return
        highest = self._highest_version.get(code)
        if highest is not None and version <= highest:
            add_error(errors, "version", f"事项“{code}”已有第 {highest} 版，新版本的版本号应为 {highest + 1}")
            return
        if highest is not None:
            self._copy_from[(code, version)] = highest
        self._draft_version[code] = version
        self._highest_version[code] = version

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """A new version continues its predecessor: once the new rows exist, their questions and materials are
        copied (as the admin's 创建新草稿 does); rows for them later in the workbook then update the copies."""
        created = list(self.create_instances)
        super().bulk_create(using_transactions, dry_run, raise_errors, batch_size=batch_size, result=result)

        for instance in created:
            source_version = self._copy_from.pop((instance.code, instance.version), None)
            if source_version is None:
                continue
            target = (
                instance
                if instance.pk
                else ServiceItem.objects.filter(code=instance.code, version=instance.version).first()
            )
            if target is not None:
                copy_questions_and_materials(
                    source=ServiceItem.objects.get(code=instance.code, version=source_version), target=target
                )

    def frozen_reason(self, instance):
        if instance.pk is None or instance.status != ServiceItemStatus.PUBLISHED:
            return None
        changed = self.changed_fields(instance)
        if not changed:
            return None
        columns = "、".join(field.column_name for field in changed)
        return changed[0].attribute, f"{FROZEN}（第 {instance.version} 版已发布，改动的列：{columns}）"


class _FrozenWithItemMixin:
    """Questions and materials of a published version are frozen with it."""

    what = ""

    def frozen_reason(self, instance):
        item = instance.service_item if instance.service_item_id else None
        if item is None or item.status != ServiceItemStatus.PUBLISHED:
            return None
        if instance.pk is None:
            return (
                "service_item",
                f"{FROZEN}（事项“{item.code}”第 {item.version} 版已发布，不能新增{self.what}）",
            )
        changed = self.changed_fields(instance)
        if not changed:
            return None
        columns = "、".join(field.column_name for field in changed)
        return changed[
            0
        ].attribute, f"{FROZEN}（事项“{item.code}”第 {item.version} 版已发布，改动的列：{columns}）"


class QuestionResource(_FrozenWithItemMixin, CatalogResource):
    entity = "questions"
    sheet_name = "申请人问题"
    what = "问题"
    natural_key = ("service_item", "key")
    extra_required_columns = ("事项版本",)
    select_related = ("service_item",)
    export_ordering = ("service_item__code", "service_item__version", "position", "id")

    service_item = service_item_ref()
    service_item_version = ExportOnlyColumn(
        attribute="service_item__version", column_name="事项版本", widget=IntegerWidget()
    )
    key = Column(attribute="key", column_name="标识", widget=TextWidget())
    label = Column(attribute="label", column_name="问题", widget=TextWidget())
    answer_type = Column(
        attribute="answer_type", column_name="答案类型", widget=ChoiceWidget(QuestionType, what="答案类型")
    )
    choices = Column(attribute="choices", column_name="可选值（用“|”分隔）", widget=ListWidget())
    required = Column(attribute="required", column_name="必答", widget=BooleanWidget(default=True))
    help_text = Column(attribute="help_text", column_name="说明", widget=TextWidget())
    position = Column(attribute="position", column_name="顺序", widget=IntegerWidget(), default=0)

    class Meta(CatalogResource.Meta):
        model = Question
        fields = (
            "service_item",
            "service_item_version",
            "key",
            "label",
            "answer_type",
            "choices",
            "required",
            "help_text",
            "position",
        )
        import_id_fields = ("service_item", "key")
        export_order = fields
        import_order = fields
        use_bulk = True


class MaterialRequirementResource(_FrozenWithItemMixin, CatalogResource):
    entity = "materials"
    sheet_name = "材料清单"
    what = "材料"
    natural_key = ("service_item", "license_type", "material_name")
    extra_required_columns = ("事项版本",)
    select_related = ("service_item", "license_type")
    export_ordering = ("service_item__code", "service_item__version", "position", "id")

    service_item = service_item_ref()
    service_item_version = ExportOnlyColumn(
        attribute="service_item__version", column_name="事项版本", widget=IntegerWidget()
    )
    license_type = Column(attribute="license_type", column_name="证照类型代码", widget=license_type_lookup())
    material_name = Column(
        attribute="material_name", column_name="材料名称（非证照材料）", widget=TextWidget()
    )
    default_mode = Column(
        attribute="default_mode",
        column_name="默认提交方式",
        widget=ChoiceWidget(MaterialMode, what="提交方式", default=MaterialMode.AUTO),
    )
    required = Column(attribute="required", column_name="必要", widget=BooleanWidget(default=True))
    note = Column(attribute="note", column_name="备注", widget=TextWidget())
    position = Column(attribute="position", column_name="顺序", widget=IntegerWidget(), default=0)

    class Meta(CatalogResource.Meta):
        model = MaterialRequirement
        fields = (
            "service_item",
            "service_item_version",
            "license_type",
            "material_name",
            "default_mode",
            "required",
            "note",
            "position",
        )
        import_id_fields = ("service_item", "license_type", "material_name")
        export_order = fields
        import_order = fields
        use_bulk = True

    def required_columns(self):
        return ["事项编码", "事项版本"]

    def duplicate_attribute(self, attributes, instance=None):
        if attributes == self.natural_key and instance is not None and not instance.license_type_id:
            return "material_name"
        return super().duplicate_attribute(attributes, instance)
