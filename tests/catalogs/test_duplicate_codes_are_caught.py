import pytest

from catalogs.importing import CatalogImportFailed, import_catalog
from catalogs.models import Department, ServiceItem
from tests.catalogs.spreadsheets import service_item_rows, service_items_sheet, sheet, xlsx
from tests.factories import DepartmentFactory, RegionFactory, ServiceItemFactory, valid_uscc

pytestmark = pytest.mark.django_db

DEPARTMENT_HEADERS = ["统一社会信用代码", "部门名称", "行政区划代码", "层级"]


def errors_of(data: bytes) -> list[tuple]:
    with pytest.raises(CatalogImportFailed) as failure:
        import_catalog(data=data, filename="c.xlsx")
    return [(e.sheet, e.row, e.column, e.reason) for e in failure.value.report.errors]


def test_a_service_item_code_and_version_twice_in_one_file_is_a_duplicate():
    rows = service_item_rows(3, department=DepartmentFactory())
    rows[2][0] = rows[0][0]
    assert errors_of(xlsx(service_items_sheet(rows))) == [
        ("政务服务事项", 4, "事项编码", "与第 2 行重复：事项编码、版本相同")
    ]
    assert ServiceItem.objects.count() == 0


def test_a_department_uscc_twice_in_one_file_is_a_duplicate():
    RegionFactory()
    uscc = valid_uscc()
    rows = [[uscc, "甲厅", "630000", "省级"], [uscc, "乙厅", "630000", "省级"]]
    assert errors_of(xlsx(sheet("部门", DEPARTMENT_HEADERS, rows))) == [
        ("部门", 3, "统一社会信用代码", "与第 2 行重复：统一社会信用代码相同")
    ]
    assert Department.objects.count() == 0


def test_the_same_department_name_twice_in_a_region_is_a_duplicate_within_the_file_and_against_the_database():
    existing = DepartmentFactory(name="省测试厅")
    rows = [
        [valid_uscc(), "新厅", "630000", "省级"],
        [valid_uscc(), "新厅", "630000", "省级"],
        [valid_uscc(), existing.name, "630000", "省级"],
    ]
    assert errors_of(xlsx(sheet("部门", DEPARTMENT_HEADERS, rows))) == [
        ("部门", 3, "部门名称", "与第 2 行重复：行政区划代码、部门名称相同"),
        ("部门", 4, "部门名称", "已存在行政区划代码、部门名称相同的部门"),
    ]


def test_an_unchanged_duplicate_of_an_existing_row_is_still_a_duplicate():
    item = ServiceItemFactory(code="630000-DUP-0001", name="重复事项", promised_days=3, kind="public_service")
    row = [item.code, 1, item.name, item.department.uscc, "公共服务", 3, "0", ""]
    assert errors_of(xlsx(service_items_sheet([row, list(row)]))) == [
        ("政务服务事项", 3, "事项编码", "与第 2 行重复：事项编码、版本相同")
    ]


def test_a_question_key_twice_for_one_service_item_is_a_duplicate():
    item = ServiceItemFactory()
    headers = ["事项编码", "事项版本", "标识", "问题", "答案类型"]
    rows = [[item.code, 1, "married", "是否已婚", "是/否"], [item.code, 1, "married", "是否再婚", "是/否"]]
    assert errors_of(xlsx(sheet("申请人问题", headers, rows))) == [
        ("申请人问题", 3, "标识", "与第 2 行重复：事项编码、标识相同")
    ]
