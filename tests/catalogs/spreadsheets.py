"""Helpers for the spreadsheet tests: build XLSX/CSV files the way a policy officer would."""

from catalogs.models import Department, LicenseType
from catalogs.resources import ServiceItemResource
from catalogs.workbooks import Sheet, write_csv, write_xlsx

SERVICE_ITEM_HEADERS = [
    "事项编码",
    "版本",
    "事项名称",
    "实施部门（统一社会信用代码）",
    "事项类型",
    "承诺时限（工作日）",
    "收费标准（元）",
    "办结出证（证照类型代码）",
]


def sheet(title: str, headers: list[str], rows: list[list]) -> Sheet:
    return Sheet(
        title=title, headers=headers, rows=[list(r) for r in rows], row_numbers=list(range(2, len(rows) + 2))
    )


def xlsx(*sheets: Sheet) -> bytes:
    return write_xlsx(list(sheets))


def csv(one: Sheet) -> bytes:
    return write_csv(one)


def service_item_rows(
    count: int,
    *,
    department: Department,
    license_type: LicenseType | None = None,
    prefix: str = "630000-BULK",
) -> list[list]:
    code = license_type.code if license_type else ""
    return [
        [f"{prefix}-{n:05d}", 1, f"批量事项{n}", department.uscc, "公共服务", 3, "0", code]
        for n in range(1, count + 1)
    ]


def service_items_sheet(rows: list[list]) -> Sheet:
    assert set(SERVICE_ITEM_HEADERS) <= set(ServiceItemResource.columns())
    return sheet("政务服务事项", SERVICE_ITEM_HEADERS, rows)
