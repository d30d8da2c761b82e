from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from catalogs.models import Department, Region, ServiceItem
from catalogs.workbooks import read_sheets
from tests.catalogs.spreadsheets import csv, service_item_rows, service_items_sheet, sheet, xlsx
from tests.factories import DepartmentFactory, valid_uscc

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_catalog_fails_with_a_nonzero_exit_listing_the_bad_rows(tmp_path):
    rows = service_item_rows(3, department=DepartmentFactory())
    rows[1][4] = "行政审批"
    path = tmp_path / "items.xlsx"
    path.write_bytes(xlsx(service_items_sheet(rows)))
    err = StringIO()
    with pytest.raises(CommandError, match="导入失败，未写入任何数据：1 处错误") as failure:
        call_command("import_catalog", str(path), "--no-progress", stdout=StringIO(), stderr=err)
    assert failure.value.returncode == 1
    assert "工作表“政务服务事项”第 3 行“事项类型”列：未知的事项类型“行政审批”" in err.getvalue()
    assert ServiceItem.objects.count() == 0


def test_import_catalog_prints_a_chinese_summary(tmp_path):
    path = tmp_path / "items.xlsx"
    path.write_bytes(xlsx(service_items_sheet(service_item_rows(4, department=DepartmentFactory()))))
    out, _ = run("import_catalog", str(path))
    assert "政务服务事项：共 4 行，新增 4，修改 0，未变 0" in out
    assert "导入成功：共 4 行，新增 4" in out
    assert ServiceItem.objects.count() == 4


def test_import_catalog_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "items.xlsx"
    path.write_bytes(xlsx(service_items_sheet(service_item_rows(2, department=DepartmentFactory()))))
    out, _ = run("import_catalog", str(path), "--dry-run")
    assert "检查通过（试运行，未写入）" in out
    assert ServiceItem.objects.count() == 0


def test_import_catalog_takes_the_entity_of_a_csv_from_the_option(tmp_path):
    Region.objects.create(code="630000", name="青海省")
    path = tmp_path / "anything.csv"
    path.write_bytes(
        csv(
            sheet(
                "x", ["统一社会信用代码", "部门名称", "行政区划代码"], [[valid_uscc(), "省测试厅", "630000"]]
            )
        )
    )
    run("import_catalog", str(path), "--entity", "departments")
    assert Department.objects.get().name == "省测试厅"


def test_import_catalog_refuses_a_missing_file():
    with pytest.raises(CommandError, match="找不到文件"):
        run("import_catalog", "/nonexistent/catalog.xlsx")


def test_export_catalog_writes_a_workbook_and_a_csv(tmp_path, demo_catalog):
    run("export_catalog", str(tmp_path / "all.xlsx"))
    run("export_catalog", str(tmp_path / "items.csv"), "--entity", "service_items")
    workbook = read_sheets((tmp_path / "all.xlsx").read_bytes(), filename="all.xlsx")
    items = read_sheets((tmp_path / "items.csv").read_bytes(), filename="items.csv")[0]
    assert len(workbook) == 7
    assert len(items.rows) == ServiceItem.objects.count() == len(workbook[4].rows)


def test_export_catalog_to_csv_needs_an_entity(tmp_path):
    with pytest.raises(CommandError, match="CSV 文件只能包含一类目录"):
        run("export_catalog", str(tmp_path / "all.csv"))
