"""Each kind of bad cell is reported with its sheet, row, column and a Chinese reason."""

import pytest

from catalogs.importing import CatalogImportFailed, import_catalog
from catalogs.models import Department, ServiceItem
from tests.catalogs.spreadsheets import csv, service_item_rows, service_items_sheet, sheet, xlsx
from tests.factories import DepartmentFactory, LicenseTypeFactory, RegionFactory, valid_uscc

pytestmark = pytest.mark.django_db


def only_error(data: bytes, filename: str = "c.xlsx", **kwargs):
    with pytest.raises(CatalogImportFailed) as failure:
        import_catalog(data=data, filename=filename, **kwargs)
    errors = failure.value.report.errors
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def wrong_check_character(code: str) -> str:
    return code[:-1] + ("0" if code[-1] != "0" else "1")


@pytest.fixture
def department():
    return DepartmentFactory()


def test_a_department_uscc_with_a_wrong_check_character_is_refused(db):
    RegionFactory()
    rows = [[wrong_check_character(valid_uscc()), "省测试厅", "630000", "省级"]]
    error = only_error(xlsx(sheet("部门", ["统一社会信用代码", "部门名称", "行政区划代码", "层级"], rows)))
    assert (error.sheet, error.row, error.column, error.reason) == (
        "部门",
        2,
        "统一社会信用代码",
        "统一社会信用代码校验码错误",
    )
    assert Department.objects.count() == 0


def test_an_unknown_department_is_named(department):
    stranger = valid_uscc()
    rows = service_item_rows(2, department=department)
    rows[1][3] = stranger
    error = only_error(xlsx(service_items_sheet(rows)))
    assert (error.row, error.column) == (3, "实施部门（统一社会信用代码）")
    assert error.reason == f"未找到统一社会信用代码为“{stranger}”的部门，请先导入该部门"


def test_an_unknown_license_type_is_named(department):
    rows = service_item_rows(1, department=department)
    unknown = valid_uscc() + "009"
    rows[0][7] = unknown
    error = only_error(xlsx(service_items_sheet(rows)))
    assert (error.column, error.reason) == (
        "办结出证（证照类型代码）",
        f"未找到证照类型“{unknown}”，请先导入该证照类型",
    )


def test_a_malformed_license_type_code_says_what_a_code_looks_like(department):
    rows = service_item_rows(1, department=department)
    rows[0][7] = "ABC"
    error = only_error(xlsx(service_items_sheet(rows)))
    assert "不是有效的证照类型代码" in error.reason


def test_an_unknown_region_is_named(db):
    rows = [[valid_uscc(), "省测试厅", "639999", "省级"]]
    error = only_error(xlsx(sheet("部门", ["统一社会信用代码", "部门名称", "行政区划代码", "层级"], rows)))
    assert (error.column, error.reason) == ("行政区划代码", "未找到行政区划“639999”，请先导入该区划")


def test_a_bad_date_is_refused_even_in_an_export_only_column(department):
    headers = ["事项编码", "版本", "事项名称", "实施部门（统一社会信用代码）", "生效日期"]
    error = only_error(
        xlsx(sheet("政务服务事项", headers, [["630000-DATE-0001", 1, "事项", department.uscc, "2026-13-45"]]))
    )
    assert (error.column, error.reason) == (
        "生效日期",
        "日期“2026-13-45”格式错误，应为“2026-03-01”这样的年-月-日",
    )


def test_a_bad_number_is_refused(department):
    rows = service_item_rows(1, department=department)
    rows[0][5] = "三天"
    error = only_error(csv(service_items_sheet(rows)), filename="items.csv")
    assert (error.row, error.column, error.reason) == (
        2,
        "承诺时限（工作日）",
        "“三天”不是有效的数字，应填写整数",
    )


def test_a_fee_that_is_not_a_number_is_refused(department):
    rows = service_item_rows(1, department=department)
    rows[0][6] = "免费"
    error = only_error(xlsx(service_items_sheet(rows)))
    assert (error.column, error.reason) == ("收费标准（元）", "“免费”不是有效的数字")


def test_an_unknown_choice_lists_the_allowed_ones(department):
    rows = service_item_rows(1, department=department)
    rows[0][4] = "行政审批"
    error = only_error(xlsx(service_items_sheet(rows)))
    assert error.column == "事项类型"
    assert error.reason.startswith("未知的事项类型“行政审批”，可选：行政许可、行政确认")


def test_a_choice_may_be_given_by_its_stored_value_as_well_as_its_label(department):
    rows = service_item_rows(1, department=department)
    rows[0][4] = "licensing"
    import_catalog(data=xlsx(service_items_sheet(rows)), filename="c.xlsx")
    assert ServiceItem.objects.get().kind == "licensing"


def test_a_yes_no_cell_that_is_neither_is_refused(department):
    license_type = LicenseTypeFactory()
    headers = ["证照类型代码", "字段标识", "字段名称", "必填"]
    error = only_error(xlsx(sheet("照面字段", headers, [[license_type.code, "name", "姓名", "也许"]])))
    assert (error.column, error.reason) == ("必填", "“也许”无法识别，应填写“是”或“否”")


def test_a_model_rule_is_reported_in_chinese(department):
    rows = service_item_rows(1, department=department)
    rows[0][0] = "bad code"
    error = only_error(xlsx(service_items_sheet(rows)))
    assert (error.column, error.reason) == ("事项编码", "事项编码只能由数字、大写字母和“-”组成，6至64位")


def test_an_empty_required_cell_is_reported_in_chinese(department):
    rows = service_item_rows(1, department=department)
    rows[0][2] = ""
    error = only_error(xlsx(service_items_sheet(rows)))
    assert (error.column, error.reason) == ("事项名称", "此字段不能为空。")


def test_a_missing_key_column_is_reported_before_any_row_is_read(department):
    error = only_error(xlsx(sheet("政务服务事项", ["事项编码", "事项名称"], [["630000-X-000001", "事项"]])))
    assert (error.row, error.column, error.reason) == (1, "版本", "缺少必需的列“版本”")


def test_an_unknown_column_is_reported_rather_than_ignored(department):
    headers = ["事项编码", "版本", "事项名称", "备用"]
    error = only_error(xlsx(sheet("政务服务事项", headers, [["630000-X-000001", 1, "事项", ""]])))
    assert (error.row, error.column) == (1, "备用")
    assert error.reason.startswith("未知的列“备用”")


def test_a_file_that_is_not_a_spreadsheet_is_refused_in_chinese(db):
    error = only_error(b"not a zip", filename="c.xlsx")
    assert error.reason.startswith("无法读取文件：不是有效的 XLSX 工作簿")


def test_a_material_that_is_both_a_license_and_free_text_is_refused_in_chinese(department):
    from tests.factories import ServiceItemFactory

    item, license_type = ServiceItemFactory(), LicenseTypeFactory()
    headers = ["事项编码", "事项版本", "证照类型代码", "材料名称（非证照材料）"]
    error = only_error(xlsx(sheet("材料清单", headers, [[item.code, 1, license_type.code, "户口簿复印件"]])))
    assert error.reason == "每条材料要么选择一种证照类型，要么填写材料名称（二者选一）"


def test_a_sensitivity_outside_1_to_4_is_refused_in_chinese(db):
    license_type = LicenseTypeFactory()
    headers = ["证照类型代码", "字段标识", "字段名称", "敏感级别（1-4）"]
    error = only_error(xlsx(sheet("照面字段", headers, [[license_type.code, "name", "姓名", 5]])))
    assert (error.column, error.reason) == ("敏感级别（1-4）", "确保该值小于或等于4。")
