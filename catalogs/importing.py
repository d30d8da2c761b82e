"""Import and export of the catalogs as spreadsheets (XLSX workbook or CSV), all-or-nothing.

    report = import_catalog(data=file_bytes, filename="catalog.xlsx")
    data = export_catalog(file_format="xlsx")

An import runs in ONE transaction: if any row of any sheet is bad, nothing is written and
:class:`CatalogImportFailed` lists every bad row with its sheet, row number (as the spreadsheet
shows it, header = row 1), column and a Chinese reason. A dry run checks everything and writes
nothing. See docs/catalog-spreadsheets.md for the columns and the versioning rule.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import tablib
from django.conf import settings
from django.db import connection, transaction
from django.utils import translation

from catalogs.errors import DomainError
from catalogs.models import ServiceItem
from catalogs.resources import RESOURCES, CatalogResource, resource_for_entity
from catalogs.workbooks import Sheet, UnreadableFile, file_format, read_sheets, write_csv, write_xlsx

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int | None
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"工作表“{self.sheet}”" if self.sheet else "文件"
        if self.row:
            where += f"第 {self.row} 行"
        if self.column:
            where += f"“{self.column}”列"
        return f"{where}：{self.reason}"

    def as_dict(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class SheetSummary:
    entity: str
    sheet: str
    total: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: int = 0

    def __str__(self) -> str:
        return (
            f"{self.sheet}：共 {self.total} 行，新增 {self.new}，修改 {self.updated}，未变 {self.unchanged}"
            + (f"，有误 {self.invalid}" if self.invalid else "")
        )


@dataclass(frozen=True)
class RowChange:
    """One value an import changes in an existing record (listed by the dry run: old → new)."""

    sheet: str
    row: int
    record: str
    column: str
    old: str
    new: str


@dataclass
class ImportReport:
    dry_run: bool
    sheets: list[SheetSummary] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    changes: list[RowChange] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run

    def count(self, what: str) -> int:
        return sum(getattr(sheet, what) for sheet in self.sheets)

    def summary(self) -> str:
        if not self.ok:
            return f"导入失败，未写入任何数据：{len(self.errors)} 处错误"
        head = "检查通过（试运行，未写入）" if self.dry_run else "导入成功"
        return (
            f"{head}：共 {self.count('total')} 行，新增 {self.count('new')}，修改 {self.count('updated')}，"
            f"未变 {self.count('unchanged')}"
        )


class CatalogImportFailed(DomainError):
    code = "catalog-import-failed"
    status = 400

    def __init__(self, report: ImportReport):
        self.report = report
        lines = [str(error) for error in report.errors[:20]]
        more = len(report.errors) - len(lines)
        message = report.summary() + "\n" + "\n".join(lines) + (f"\n……另有 {more} 处错误" if more > 0 else "")
        super().__init__(message, params=[error.as_dict() for error in report.errors])


def _match_sheet(sheet: Sheet, entity: str | None) -> type[CatalogResource] | None:
    if entity:
        return resource_for_entity(entity)
    by_title = resource_for_entity(sheet.title)
    if by_title is not None:
        return by_title
    headers = {h for h in sheet.headers if h}
    best, best_score = None, 0
    for resource in RESOURCES:
        columns = set(resource.columns())
        if not set(resource().required_columns()) <= headers or not headers <= columns:
            continue
        score = len(headers & columns) / len(columns)
        if score > best_score:
            best, best_score = resource, score
    return best


def _check_headers(sheet: Sheet, resource: CatalogResource) -> list[RowError]:
    known = set(resource.columns())
    errors = [
        RowError(sheet.title, 1, header, f"未知的列“{header}”，可用的列：{'、'.join(resource.columns())}")
        for header in sheet.headers
        if header and header not in known
    ]
    seen = set()
    for header in sheet.headers:
        if header in seen:
            errors.append(RowError(sheet.title, 1, header, f"列“{header}”重复出现"))
        seen.add(header)
    errors += [
        RowError(sheet.title, 1, column, f"缺少必需的列“{column}”")
        for column in resource.required_columns()
        if column not in sheet.headers
    ]
    return errors


def plan_sheets(
    sheets: list[Sheet], *, entity: str | None = None
) -> tuple[list[tuple[Sheet, type[CatalogResource]]], list[RowError]]:
    """Which resource imports which sheet, in dependency order; problems as RowErrors."""
    if entity and resource_for_entity(entity) is None:
        names = "、".join(f"{r.entity}（{r.sheet_name}）" for r in RESOURCES)
        return [], [RowError("", None, "", f"未知的目录类型“{entity}”，可选：{names}")]
    planned, errors = [], []
    for sheet in sheets:
        if entity and len(sheets) > 1:
            # a workbook with an explicit entity: import only that entity's sheet
            if resource_for_entity(sheet.title) is not resource_for_entity(entity):
                continue
            resource_class = resource_for_entity(entity)
        else:
            resource_class = _match_sheet(sheet, entity)
        if resource_class is None:
            errors.append(
                RowError(
                    sheet.title,
                    None,
                    "",
                    "无法识别该工作表属于哪类目录：请用目录名称作工作表名"
                    f"（{'、'.join(r.sheet_name for r in RESOURCES)}），或在导入时指定目录类型",
                )
            )
            continue
        if any(other is resource_class for _, other in planned):
            errors.append(
                RowError(
                    sheet.title, None, "", f"文件中有多个“{resource_class.sheet_name}”工作表：请合并为一个"
                )
            )
            continue
        planned.append((sheet, resource_class))
    if not planned and not errors:
        errors.append(RowError("", None, "", "文件中没有可导入的工作表"))
    order = {resource: index for index, resource in enumerate(RESOURCES)}
    planned.sort(key=lambda pair: order[pair[1]])
    return planned, errors


def _import_sheet(sheet: Sheet, resource_class: type[CatalogResource], report: ImportReport, on_row) -> None:
    resource = resource_class()
    resource.sheet_rows = sheet.row_numbers
    resource.on_row = on_row
    summary = SheetSummary(entity=resource.entity, sheet=sheet.title, total=len(sheet.rows))
    report.sheets.append(summary)
    headers, rows = list(sheet.headers), [list(row) for row in sheet.rows]
    for name in resource.get_import_id_fields():
        column = resource.fields[name].column_name
        if column not in headers:  # an optional key column (材料名称 of a sheet of license materials): empty
            headers.append(column)
            for row in rows:
                row.append("")
    dataset = tablib.Dataset(*[tuple(row) for row in rows], headers=headers)
    try:
        result = resource.import_data(
            dataset, dry_run=False, raise_errors=False, use_transactions=True, collect_failed_rows=False
        )
    except Exception as error:  # a database refusal not caught by validation: name it, roll back
        logger.exception("catalog.import.sheet_failed", extra={"sheet": sheet.title})
        report.errors.append(RowError(sheet.title, None, "", f"写入数据库失败，整表未导入：{error}"))
        summary.invalid = summary.total
        return
    report.changes.extend(RowChange(sheet.title, *change) for change in getattr(resource, "changes", []))
    summary.new = result.totals.get("new", 0)
    summary.updated = result.totals.get("update", 0)
    summary.unchanged = result.totals.get("skip", 0)
    summary.invalid = result.totals.get("invalid", 0) + result.totals.get("error", 0)

    def sheet_row(number: int) -> int:
        return resource.sheet_rows[number - 1] if 0 < number <= len(resource.sheet_rows) else number + 1

    for invalid in result.invalid_rows:
        for column, reason in resource.explain(invalid.error):
            report.errors.append(RowError(sheet.title, sheet_row(invalid.number), column, reason))
    for error_row in result.error_rows:
        for error in error_row.errors:
            report.errors.append(
                RowError(sheet.title, sheet_row(error_row.number), "", f"无法导入该行：{error.error}")
            )
    for error in result.base_errors:
        report.errors.append(RowError(sheet.title, None, "", f"写入数据库失败：{error.error}"))


VERSIONED_ENTITIES = {"service_items", "questions", "materials"}


def _lock_service_items(planned) -> None:
    """Serialise with publishing: the frozen-version rule must see the status that will be committed.

    ``catalogs.services`` locks an item's versions before publishing or copying them; an import of
    service items, questions or materials locks all of them, so a publication waits for the import
    (or the import for the publication) and a just-published version can never be overwritten.
    """
    if connection.features.has_select_for_update and any(r.entity in VERSIONED_ENTITIES for _, r in planned):
        list(ServiceItem.objects.select_for_update().values_list("pk", flat=True))


def import_catalog(
    *,
    data: bytes,
    filename: str,
    entity: str | None = None,
    dry_run: bool = False,
    allowed_entities: Iterable[str] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_row: Callable[[], None] | None = None,
) -> ImportReport:
    """Import a catalog spreadsheet in one transaction; raise :class:`CatalogImportFailed` listing every bad row.

    ``entity`` names the one entity of a CSV file (or the only sheet to take from a workbook);
    without it the entity is recognised by the sheet's title or headers. ``allowed_entities``
    limits what may be imported (the admin passes what the user may change). ``on_start`` gets
    the number of rows, ``on_row`` is called after each (progress bars).
    """
    with translation.override(settings.LANGUAGE_CODE):
        report = ImportReport(dry_run=dry_run)
        try:
            sheets = read_sheets(data, filename=filename)
        except UnreadableFile as error:
            report.errors.append(RowError("", None, "", str(error)))
            raise CatalogImportFailed(report) from error
        planned, report.errors = plan_sheets(sheets, entity=entity)
        if allowed_entities is not None:
            allowed = set(allowed_entities)
            for sheet, resource_class in planned:
                if resource_class.entity not in allowed:
                    report.errors.append(
                        RowError(sheet.title, None, "", f"您没有导入“{resource_class.sheet_name}”的权限")
                    )
        for sheet, resource_class in planned:
            report.errors += _check_headers(sheet, resource_class())
        if report.errors:
            raise CatalogImportFailed(report)
        if on_start is not None:
            on_start(sum(len(sheet.rows) for sheet, _ in planned))
        with transaction.atomic():
            _lock_service_items(planned)
            for sheet, resource_class in planned:
                _import_sheet(sheet, resource_class, report, on_row)
            if report.errors or dry_run:
                transaction.set_rollback(True)
        if report.errors:
            raise CatalogImportFailed(report)
        logger.info(
            "catalog.import.done",
            extra={
                "dry_run": dry_run,
                "rows": report.count("total"),
                "new": report.count("new"),
                "updated": report.count("updated"),
            },
        )
        return report


def export_sheets(*, entity: str | None = None, on_row: Callable[[], None] | None = None) -> list[Sheet]:
    resources = [resource_for_entity(entity)] if entity else list(RESOURCES)
    if None in resources:
        raise DomainError(f"未知的目录类型“{entity}”", code="unknown-catalog-entity")
    sheets = []
    with translation.override(settings.LANGUAGE_CODE):
        for resource_class in resources:
            resource = resource_class()
            dataset = resource.export(queryset=resource.get_export_queryset())
            sheet = Sheet(title=resource.sheet_name, headers=list(dataset.headers))
            for number, row in enumerate(dataset, start=2):
                sheet.rows.append(list(row))
                sheet.row_numbers.append(number)
                if on_row is not None:
                    on_row()
            sheets.append(sheet)
    return sheets


def export_catalog(
    *, file_format: str, entity: str | None = None, on_row: Callable[[], None] | None = None
) -> bytes:
    """The catalogs as an XLSX workbook (one sheet per entity) or one entity as CSV."""
    if file_format == "csv":
        if not entity:
            raise DomainError(
                "CSV 文件只能包含一类目录：请指定目录类型（例如 service_items）", code="entity-required"
            )
        return write_csv(export_sheets(entity=entity, on_row=on_row)[0])
    if file_format == "xlsx":
        return write_xlsx(export_sheets(entity=entity, on_row=on_row))
    raise DomainError(f"不支持的文件格式“{file_format}”：请使用 xlsx 或 csv", code="unsupported-format")


__all__ = [
    "CatalogImportFailed",
    "ImportReport",
    "RowError",
    "SheetSummary",
    "export_catalog",
    "export_sheets",
    "file_format",
    "import_catalog",
]
