"""法定时限 beside 承诺时限: the promise may never exceed the law, and the limit travels with the item."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalogs.errors import PublishRefused
from catalogs.importing import CatalogImportFailed, export_catalog, import_catalog
from catalogs.models import MaterialRequirement, ServiceItem
from catalogs.services import create_draft_version, publish_service_item
from catalogs.workbooks import read_sheets
from tests.catalogs.spreadsheets import service_item_rows, sheet, xlsx
from tests.factories import ServiceItemFactory

pytestmark = pytest.mark.django_db

STATUTORY = "法定时限（工作日）"


def publishable(**fields) -> ServiceItem:
    item = ServiceItemFactory(**fields)
    MaterialRequirement.objects.create(service_item=item, material_name="申请书", default_mode="upload")
    return item


def test_a_promise_longer_than_the_statutory_limit_is_refused_naming_both():
    item = ServiceItemFactory.build(promised_days=20, statutory_days=15)
    with pytest.raises(ValidationError) as refused:
        item.full_clean(exclude=["department"])
    assert refused.value.message_dict["promised_days"] == [
        "承诺时限（20 个工作日）不能超过法定时限（15 个工作日）：请缩短承诺时限或核对法定时限。"
    ]


def test_a_promise_equal_to_the_statutory_limit_or_without_one_is_allowed():
    ServiceItemFactory.build(promised_days=15, statutory_days=15).full_clean(exclude=["department"])
    ServiceItemFactory.build(promised_days=60, statutory_days=None).full_clean(exclude=["department"])


def test_a_draft_that_promises_too_much_cannot_be_published():
    item = publishable(promised_days=20, statutory_days=15)  # saved without full_clean, as a bulk write could
    with pytest.raises(PublishRefused) as refused:
        publish_service_item(item=item, effective_from=date(2026, 1, 1))
    assert "承诺时限（20 个工作日）不能超过法定时限（15 个工作日）" in refused.value.message
    assert ServiceItem.objects.get(pk=item.pk).is_draft


def test_the_database_refuses_a_published_version_that_promises_too_much():
    item = publishable(promised_days=3, statutory_days=15)
    publish_service_item(item=item, effective_from=date(2026, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceItem.objects.filter(pk=item.pk).update(promised_days=16)


def test_a_new_draft_version_keeps_the_statutory_limit():
    item = publishable(promised_days=3, statutory_days=15)
    publish_service_item(item=item, effective_from=date(2026, 1, 1))
    assert create_draft_version(item=item).statutory_days == 15


def test_the_statutory_limit_survives_an_export_and_import(department):
    publishable(code="630000-LAW-0001", promised_days=3, statutory_days=15)
    publishable(code="630000-LAW-0002", promised_days=3, statutory_days=None)
    data = export_catalog(file_format="xlsx")
    items = read_sheets(data, filename="catalog.xlsx")[4]
    column = items.headers.index(STATUTORY)
    assert items.headers[column - 1] == "承诺时限（工作日）"
    assert {row[0]: row[column] for row in items.rows} == {"630000-LAW-0001": 15, "630000-LAW-0002": None}

    ServiceItem.objects.update(statutory_days=20)  # drafts: an import may change them back
    import_catalog(data=data, filename="catalog.xlsx")
    assert dict(ServiceItem.objects.values_list("code", "statutory_days")) == {
        "630000-LAW-0001": 15,
        "630000-LAW-0002": None,
    }


def test_an_imported_row_sets_the_statutory_limit_and_an_empty_cell_means_none(department):
    headers = [
        "事项编码",
        "版本",
        "事项名称",
        "实施部门（统一社会信用代码）",
        "承诺时限（工作日）",
        STATUTORY,
    ]
    rows = [
        ["630000-LAW-0003", 1, "有法定时限", department.uscc, 5, 20],
        ["630000-LAW-0004", 1, "无法定时限", department.uscc, 5, ""],
    ]
    import_catalog(data=xlsx(sheet("政务服务事项", headers, rows)), filename="items.xlsx")
    assert dict(ServiceItem.objects.values_list("code", "statutory_days")) == {
        "630000-LAW-0003": 20,
        "630000-LAW-0004": None,
    }


def test_an_imported_row_that_promises_too_much_is_refused_in_its_column(department):
    headers = [
        "事项编码",
        "版本",
        "事项名称",
        "实施部门（统一社会信用代码）",
        "承诺时限（工作日）",
        STATUTORY,
    ]
    rows = [["630000-LAW-0005", 1, "超出法定时限", department.uscc, 30, 20]]
    with pytest.raises(CatalogImportFailed) as failed:
        import_catalog(data=xlsx(sheet("政务服务事项", headers, rows)), filename="items.xlsx")
    [error] = failed.value.report.errors
    assert (error.row, error.column) == (2, "承诺时限（工作日）")
    assert "不能超过法定时限（20 个工作日）" in error.reason
    assert not ServiceItem.objects.exists()


def test_a_sheet_without_the_statutory_column_still_imports(department):
    from tests.catalogs.spreadsheets import service_items_sheet

    import_catalog(
        data=xlsx(service_items_sheet(service_item_rows(2, department=department))), filename="items.xlsx"
    )
    assert list(ServiceItem.objects.values_list("statutory_days", flat=True)) == [None, None]


def test_the_public_page_and_api_show_both_limits(client):
    item = publishable(code="630000-LAW-0006", promised_days=3, statutory_days=15)
    publish_service_item(item=item, effective_from=date(2026, 1, 1))
    page = client.get("/catalog/items/630000-LAW-0006/").content.decode()
    assert "法定时限" in page and "15 个工作日" in page and "3 个工作日" in page
    data = client.get("/api/v1/catalog/service-items/630000-LAW-0006/").json()
    assert (data["promised_days"], data["statutory_days"]) == (3, 15)
