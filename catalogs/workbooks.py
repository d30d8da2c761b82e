"""Reading and writing catalog spreadsheets (XLSX workbooks and CSV files) as plain sheets.

Row numbers are kept as the user sees them in a spreadsheet program (header = row 1), blank
rows are dropped but counted. CSV is written as UTF-8 with a byte-order mark so that Excel opens
Chinese text correctly, and read as UTF-8 or, failing that, GB18030 (what Chinese Excel saves).
Text that a spreadsheet program would run as a formula is neutralised on export and restored
on import, so an export imports back unchanged. A real formula cell is refused (its value is whatever
the last program to save the file computed, or nothing), naming the cell.

This is the one reader of uploaded spreadsheets (catalog import, license import, both admins): every
failure — not a spreadsheet, a corrupt zip, XML cut short, an unknown text encoding, formulas — is an
``UnreadableFile`` with a Chinese message, never a traceback.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

FORMULA_START = ("=", "+", "-", "@")


class UnreadableFile(Exception):
    """The file is not a spreadsheet we can read; the message is Chinese."""


@dataclass
class Sheet:
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    #: the spreadsheet row number of each entry of ``rows`` (header = 1)
    row_numbers: list[int] = field(default_factory=list)


def file_format(filename: str, data: bytes | None = None) -> str:
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        return "xlsx"
    if name.endswith(".csv"):
        return "csv"
    if data is not None:
        return "xlsx" if data[:2] == b"PK" else "csv"
    raise UnreadableFile(f"不支持的文件类型“{filename}”：请使用 .xlsx 或 .csv 文件")


def _header(value) -> str:
    return "" if value is None else str(value).strip()


def _is_blank(values) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def read_sheets(data: bytes, *, filename: str) -> list[Sheet]:
    if file_format(filename, data) == "xlsx":
        return _read_xlsx(data)
    return [_read_csv(data, title=filename.rsplit("/", 1)[-1])]


MAX_LISTED_FORMULAS = 10


def _read_xlsx(data: bytes) -> list[Sheet]:
    try:
        return _read_xlsx_or_fail(data)
    except UnreadableFile:
        raise
    except zipfile.BadZipFile as error:
        raise UnreadableFile(
            "无法读取文件：不是有效的 XLSX 工作簿（压缩包已损坏或不完整），请用电子表格程序重新另存为 .xlsx 后再导入"
        ) from error
    except Exception as error:  # noqa: BLE001  corrupt XML, a truncated member, a missing part: all one answer
        raise UnreadableFile(
            "无法读取文件：XLSX 工作簿内容已损坏或不完整（例如文件被截断），请用电子表格程序重新另存为 .xlsx 后再导入"
        ) from error


def _read_xlsx_or_fail(data: bytes) -> list[Sheet]:
    # lazy, not a cycle: openpyxl takes about 0.5 s to import, and only this needs it
    import openpyxl
    from openpyxl.utils import get_column_letter

    # data_only=False: formula cells are seen as formulas (data_type "f") and refused, instead of silently
    # reading the value cached by whatever program saved the file last (often none: an empty cell)
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    sheets, formulas = [], []
    try:
        for worksheet in book.worksheets:
            rows = worksheet.iter_rows()
            first = next(rows, None)
            if first is None or _is_blank([cell.value for cell in first]):
                continue
            headers = [_header(cell.value) for cell in first]
            while headers and not headers[-1]:
                headers.pop()
            sheet = Sheet(title=worksheet.title.strip(), headers=headers)
            for number, cells in enumerate(rows, start=2):
                cells = list(cells[: len(headers)])
                for column, cell in enumerate(cells, start=1):
                    if getattr(cell, "data_type", None) == "f":
                        formulas.append(f"“{sheet.title}”工作表 {get_column_letter(column)}{number}")
                values = [cell.value for cell in cells]
                if _is_blank(values):
                    continue
                values += [None] * (len(headers) - len(values))
                sheet.rows.append(values)
                sheet.row_numbers.append(number)
            sheets.append(sheet)
    finally:
        book.close()
    if formulas:
        listed = "、".join(formulas[:MAX_LISTED_FORMULAS]) + (
            "等" if len(formulas) > MAX_LISTED_FORMULAS else ""
        )
        raise UnreadableFile(
            f"文件中有 {len(formulas)} 个公式单元格（{listed}）：公式的值不可靠，请把公式改为数值或文本"
            "（复制后“选择性粘贴 → 数值”）再导入"
        )
    return sheets


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":  # UTF-8 to the last bytes: a file cut short, not GBK
            raise UnreadableFile(
                "CSV 文件不完整：文件末尾被截断（最后一个字只保存了一部分），请重新导出或复制完整的文件后再导入"
            ) from error
    for encoding in ("gb18030",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("无法读取 CSV 文件：文字编码无法识别，请保存为 UTF-8 或 GBK/GB18030 编码")


def _restore_formula_text(value: str) -> str:
    """Undo :func:`_neutralise_formula`: a leading apostrophe before = + - @ or ' is dropped."""
    if len(value) > 1 and value[0] == "'" and value[1] in (*FORMULA_START, "'"):
        return value[1:]
    return value


def _read_csv(data: bytes, *, title: str) -> Sheet:
    text = _decode(data)
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise UnreadableFile(f"无法读取 CSV 文件：{error}") from error
    if not records or _is_blank(records[0]):
        raise UnreadableFile("CSV 文件为空：第 1 行应为列名")
    headers = [_header(v) for v in records[0]]
    while headers and not headers[-1]:
        headers.pop()
    sheet = Sheet(title=title, headers=headers)
    for number, values in enumerate(records[1:], start=2):
        if _is_blank(values):
            continue
        values = [_restore_formula_text(v) for v in values[: len(headers)]]
        values += [""] * (len(headers) - len(values))
        sheet.rows.append(values)
        sheet.row_numbers.append(number)
    return sheet


def _neutralise_formula(value):
    if isinstance(value, str) and value.startswith((*FORMULA_START, "'")):
        return "'" + value
    return value


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(_neutralise_formula(value))


def write_csv(sheet: Sheet) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(sheet.headers)
    for row in sheet.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(sheets: list[Sheet]) -> bytes:
    # lazy, not a cycle: openpyxl takes about 0.5 s to import, and only this needs it
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = book.create_sheet(title=sheet.title)
        worksheet.freeze_panes = "A2"
        for index, header in enumerate(sheet.headers):
            letter = openpyxl.utils.get_column_letter(index + 1)
            worksheet.column_dimensions[letter].width = max(10, min(40, len(header) * 2 + 2))
        header_cells = []
        for header in sheet.headers:
            cell = WriteOnlyCell(worksheet, value=header)
            cell.font = bold
            header_cells.append(cell)
        worksheet.append(header_cells)
        for row in sheet.rows:
            cells = []
            for value in row:
                if isinstance(value, str) and value.startswith("="):
                    # stored as text, never as a formula
                    cell = WriteOnlyCell(worksheet, value=value)
                    cell.data_type = "s"
                    cells.append(cell)
                elif isinstance(value, date) and not isinstance(value, datetime):
                    cell = WriteOnlyCell(worksheet, value=value)
                    cell.number_format = "yyyy-mm-dd"
                    cells.append(cell)
                else:
                    cells.append(value)
            worksheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
