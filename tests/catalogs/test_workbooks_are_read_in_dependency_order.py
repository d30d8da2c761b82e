import pytest

from catalogs.importing import CatalogImportFailed, import_catalog
from catalogs.models import Department, LicenseType, MaterialRequirement, Region, ServiceItem
from tests.catalogs.spreadsheets import csv, sheet, xlsx
from tests.factories import valid_uscc

pytestmark = pytest.mark.django_db


def whole_catalog_sheets():
    uscc = valid_uscc()
    license_code = valid_uscc() + "001"
    return [
        sheet(
            "材料清单",
            ["事项编码", "事项版本", "证照类型代码", "默认提交方式"],
            [["630000-NEW-0001", 1, license_code, "免提交（电子证照自动调取）"]],
        ),
        sheet(
            "政务服务事项",
            ["事项编码", "版本", "事项名称", "实施部门（统一社会信用代码）"],
            [["630000-NEW-0001", 1, "新事项", uscc]],
        ),
        sheet(
            "证照类型",
            ["证照类型代码", "证照名称", "持证主体类别", "发证部门（统一社会信用代码，用“|”分隔）"],
            [[license_code, "新证照", "自然人", uscc]],
        ),
        sheet(
            "部门",
            ["统一社会信用代码", "部门名称", "行政区划代码", "层级"],
            [[uscc, "新厅", "630100", "市级"]],
        ),
        sheet(
            "行政区划",
            ["行政区划代码", "名称", "上级区划代码"],
            [["630000", "青海省", ""], ["630100", "西宁市", "630000"]],
        ),
    ]


def test_a_workbook_is_imported_in_dependency_order_whatever_the_order_of_its_sheets():
    report = import_catalog(data=xlsx(*whole_catalog_sheets()), filename="catalog.xlsx")
    assert [s.entity for s in report.sheets] == [
        "regions",
        "departments",
        "license_types",
        "service_items",
        "materials",
    ]
    assert Region.objects.get(code="630100").parent.code == "630000"
    material = MaterialRequirement.objects.select_related("service_item__department", "license_type").get()
    assert material.service_item.department.name == "新厅"
    assert list(material.license_type.issuing_departments.values_list("name", flat=True)) == ["新厅"]


def test_a_bad_row_in_the_last_sheet_rolls_back_every_sheet():
    sheets = whole_catalog_sheets()
    sheets[0].rows[0][3] = "快递"
    with pytest.raises(CatalogImportFailed) as failure:
        import_catalog(data=xlsx(*sheets), filename="catalog.xlsx")
    assert [(e.sheet, e.row, e.column) for e in failure.value.report.errors] == [
        ("材料清单", 2, "默认提交方式")
    ]
    assert (
        Region.objects.count(),
        Department.objects.count(),
        LicenseType.objects.count(),
        ServiceItem.objects.count(),
    ) == (0, 0, 0, 0)


def test_a_csv_is_recognised_by_its_headers():
    data = csv(sheet("x", ["行政区划代码", "名称", "上级区划代码"], [["630000", "青海省", ""]]))
    report = import_catalog(data=data, filename="whatever.csv")
    assert report.sheets[0].entity == "regions"
    assert Region.objects.get().name == "青海省"


def test_a_csv_saved_by_chinese_excel_in_gb18030_is_read():
    text = "行政区划代码,名称,上级区划代码\r\n630000,青海省,\r\n"
    import_catalog(data=text.encode("gb18030"), filename="regions.csv")
    assert Region.objects.get().name == "青海省"


def test_an_unrecognisable_sheet_is_refused_with_a_hint():
    with pytest.raises(CatalogImportFailed) as failure:
        import_catalog(data=xlsx(sheet("Sheet1", ["甲", "乙"], [["1", "2"]])), filename="c.xlsx")
    assert failure.value.report.errors[0].reason.startswith("无法识别该工作表属于哪类目录")


def test_blank_rows_are_skipped_but_row_numbers_stay_as_the_spreadsheet_shows_them():
    regions = sheet(
        "行政区划",
        ["行政区划代码", "名称", "上级区划代码"],
        [["630000", "青海省", ""], [None, None, None], ["630100", "", "630000"]],
    )
    with pytest.raises(CatalogImportFailed) as failure:
        import_catalog(data=xlsx(regions), filename="c.xlsx")
    assert [(e.row, e.column) for e in failure.value.report.errors] == [(4, "名称")]


def test_an_entity_the_user_may_not_change_is_refused():
    data = xlsx(sheet("行政区划", ["行政区划代码", "名称", "上级区划代码"], [["630000", "青海省", ""]]))
    with pytest.raises(CatalogImportFailed) as failure:
        import_catalog(data=data, filename="c.xlsx", allowed_entities=["service_items"])
    assert failure.value.report.errors[0].reason == "您没有导入“行政区划”的权限"
    assert Region.objects.count() == 0


def test_an_explicit_entity_takes_only_that_sheet_of_a_workbook():
    report = import_catalog(data=xlsx(*whole_catalog_sheets()), filename="catalog.xlsx", entity="regions")
    assert [s.entity for s in report.sheets] == ["regions"]
    assert (Region.objects.count(), Department.objects.count()) == (2, 0)
