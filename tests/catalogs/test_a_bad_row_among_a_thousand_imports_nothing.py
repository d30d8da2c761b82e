import pytest

from catalogs.importing import CatalogImportFailed, RowError, import_catalog
from catalogs.models import ServiceItem
from tests.catalogs.spreadsheets import csv, service_item_rows, service_items_sheet, xlsx
from tests.factories import DepartmentFactory, LicenseTypeFactory

pytestmark = pytest.mark.django_db

DEPARTMENT_COLUMN = "实施部门（统一社会信用代码）"


@pytest.fixture
def thousand_rows_with_one_bad():
    department = DepartmentFactory()
    rows = service_item_rows(1000, department=department, license_type=LicenseTypeFactory())
    good_uscc = department.uscc
    bad_uscc = good_uscc[:-1] + ("0" if good_uscc[-1] != "0" else "1")
    rows[736][3] = bad_uscc  # spreadsheet row 738: header is row 1, first data row is 2
    return rows, good_uscc


@pytest.mark.parametrize("make_file, filename", [(xlsx, "catalog.xlsx"), (csv, "service_items.csv")])
def test_one_bad_row_among_1000_imports_nothing_and_names_row_column_and_reason(
    thousand_rows_with_one_bad, make_file, filename
):
    rows, _ = thousand_rows_with_one_bad
    with pytest.raises(CatalogImportFailed) as failure:
        import_catalog(data=make_file(service_items_sheet(rows)), filename=filename)
    assert ServiceItem.objects.count() == 0
    errors = failure.value.report.errors
    assert [(e.row, e.column) for e in errors] == [(738, DEPARTMENT_COLUMN)]
    assert "统一社会信用代码校验码错误" in errors[0].reason
    assert "第 738 行" in str(failure.value)


@pytest.mark.parametrize("make_file, filename", [(xlsx, "catalog.xlsx"), (csv, "service_items.csv")])
def test_the_same_file_fixed_imports_all_1000_rows(thousand_rows_with_one_bad, make_file, filename):
    rows, good_uscc = thousand_rows_with_one_bad
    rows[736][3] = good_uscc
    report = import_catalog(data=make_file(service_items_sheet(rows)), filename=filename)
    assert (report.count("new"), report.count("total")) == (1000, 1000)
    assert ServiceItem.objects.filter(status="draft", department__uscc=good_uscc).count() == 1000


def test_every_bad_row_of_every_sheet_is_reported_not_only_the_first():
    department = DepartmentFactory()
    rows = service_item_rows(5, department=department)
    rows[1][4] = "行政审批"
    rows[3][5] = "三天"
    with pytest.raises(CatalogImportFailed) as failure:
        import_catalog(data=xlsx(service_items_sheet(rows)), filename="c.xlsx")
    assert [(e.sheet, e.row, e.column) for e in failure.value.report.errors] == [
        ("政务服务事项", 3, "事项类型"),
        ("政务服务事项", 5, "承诺时限（工作日）"),
    ]
    assert isinstance(failure.value.report.errors[0], RowError)


def test_a_dry_run_checks_everything_and_writes_nothing():
    rows = service_item_rows(3, department=DepartmentFactory())
    report = import_catalog(data=xlsx(service_items_sheet(rows)), filename="c.xlsx", dry_run=True)
    assert (report.ok, report.count("new"), report.written) == (True, 3, False)
    assert ServiceItem.objects.count() == 0
