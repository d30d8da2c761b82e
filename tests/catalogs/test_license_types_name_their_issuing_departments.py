import pytest

from catalogs.importing import CatalogImportFailed, import_catalog
from tests.catalogs.spreadsheets import csv, sheet
from tests.factories import DepartmentFactory, LicenseTypeFactory, valid_uscc

pytestmark = pytest.mark.django_db

HEADERS = ["证照类型代码", "证照名称", "持证主体类别", "发证部门（统一社会信用代码，用“|”分隔）"]


def test_issuing_departments_are_replaced_by_the_usccs_listed_in_the_cell():
    old, first, second = DepartmentFactory(), DepartmentFactory(), DepartmentFactory()
    license_type = LicenseTypeFactory(name="结婚证")
    license_type.issuing_departments.set([old])
    cell = f"{second.uscc} | {first.uscc}"
    report = import_catalog(
        data=csv(sheet("x", HEADERS, [[license_type.code, "结婚证", "自然人", cell]])), filename="types.csv"
    )
    assert report.count("updated") == 1
    assert set(license_type.issuing_departments.all()) == {first, second}


def test_the_same_issuing_departments_in_another_order_is_unchanged():
    first, second = DepartmentFactory(), DepartmentFactory()
    license_type = LicenseTypeFactory(name="结婚证", holder_kind="person")
    license_type.issuing_departments.set([first, second])
    cell = f"{second.uscc}|{first.uscc}"
    report = import_catalog(
        data=csv(sheet("x", HEADERS, [[license_type.code, "结婚证", "自然人", cell]])), filename="types.csv"
    )
    assert report.count("unchanged") == 1


def test_an_unknown_issuing_department_is_named_and_nothing_changes():
    department = DepartmentFactory()
    license_type = LicenseTypeFactory(name="结婚证")
    license_type.issuing_departments.set([department])
    stranger = valid_uscc()
    with pytest.raises(CatalogImportFailed) as failure:
        import_catalog(
            data=csv(
                sheet(
                    "x", HEADERS, [[license_type.code, "离婚证", "自然人", f"{department.uscc}|{stranger}"]]
                )
            ),
            filename="types.csv",
        )
    [error] = failure.value.report.errors
    assert (error.row, error.column) == (2, HEADERS[3])
    assert error.reason == f"未找到统一社会信用代码为“{stranger}”的发证部门，请先导入该部门"
    license_type.refresh_from_db()
    assert license_type.name == "结婚证"


def test_a_region_whose_parent_comes_later_in_the_sheet_is_explained():
    rows = [["630100", "西宁市", "630000"], ["630000", "青海省", ""]]
    with pytest.raises(CatalogImportFailed) as failure:
        import_catalog(
            data=csv(sheet("x", ["行政区划代码", "名称", "上级区划代码"], rows)), filename="regions.csv"
        )
    [error] = failure.value.report.errors
    assert (error.row, error.column, error.reason) == (
        2,
        "上级区划代码",
        "未找到上级区划“630000”：请先导入上级区划（放在本行之前）",
    )
