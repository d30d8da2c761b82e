from decimal import Decimal

import pytest

from catalogs.importing import export_catalog, import_catalog
from catalogs.models import (
    Department,
    FaceField,
    LicenseType,
    MaterialRequirement,
    Question,
    Region,
    ServiceItem,
)
from catalogs.resources import RESOURCES
from catalogs.services import create_draft_version
from catalogs.workbooks import read_sheets

pytestmark = pytest.mark.django_db

MODELS = [Region, Department, LicenseType, FaceField, ServiceItem, Question, MaterialRequirement]


def everything() -> dict:
    """Every stored field of every catalog row, plus the license types' issuing departments."""
    state = {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}
    state["issuing"] = sorted(
        LicenseType.issuing_departments.through.objects.values_list("licensetype_id", "department_id")
    )
    return state


@pytest.fixture
def rich_catalog(demo_catalog):
    """The demo catalog plus a draft next to a published version and awkward values."""
    published = ServiceItem.objects.published().order_by("code").first()
    draft = create_draft_version(item=published)
    draft.fee = Decimal("12.50")
    draft.legal_basis = '=HYPERLINK("http://example.invalid")，以及 -1 号文件'
    draft.save()
    question = draft.questions.first() or Question.objects.create(
        service_item=draft, key="q1", label="问题", answer_type="bool"
    )
    question.help_text = "'带引号的说明"
    question.save()
    # text as a browser's textarea or a careless hand leaves it, on a published (frozen) version
    ServiceItem.objects.filter(pk=published.pk).update(
        legal_basis="第一条\r\n第二条", name=published.name + " "
    )
    license_type = LicenseType.objects.first()
    license_type.issuing_departments.set(Department.objects.all()[:3])
    return draft


def test_export_then_import_of_the_xlsx_workbook_changes_nothing(rich_catalog):
    before = everything()
    data = export_catalog(file_format="xlsx")
    report = import_catalog(data=data, filename="catalog.xlsx")
    assert everything() == before
    total = sum(len(rows) for name, rows in before.items() if name != "issuing")
    assert (
        report.count("total"),
        report.count("unchanged"),
        report.count("new"),
        report.count("updated"),
    ) == (total, total, 0, 0)


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r.entity)
def test_export_then_import_of_each_csv_changes_nothing(rich_catalog, resource):
    before = everything()
    report = import_catalog(
        data=export_catalog(file_format="csv", entity=resource.entity), filename=f"{resource.entity}.csv"
    )
    assert everything() == before
    assert report.count("unchanged") == report.count("total") == resource._meta.model.objects.count()


def test_the_workbook_has_one_sheet_per_entity_with_chinese_headers(rich_catalog):
    sheets = read_sheets(export_catalog(file_format="xlsx"), filename="catalog.xlsx")
    assert [s.title for s in sheets] == [r.sheet_name for r in RESOURCES]
    assert sheets[4].headers[:3] == ["事项编码", "版本", "事项名称"]


def test_text_that_looks_like_a_formula_is_neutralised_in_csv_and_comes_back_unchanged(rich_catalog):
    data = export_catalog(file_format="csv", entity="service_items").decode("utf-8-sig")
    assert "'=HYPERLINK" in data
    items = read_sheets(data.encode("utf-8"), filename="service_items.csv")[0]
    legal_basis = items.headers.index("设定依据")
    assert any(row[legal_basis] == rich_catalog.legal_basis for row in items.rows)
