"""Spreadsheet import of existing licenses via django-import-export (command and admin share it).

Every row is validated first (holder code, the type's face schema, dates); a bad row is reported
with its spreadsheet line, column and a Chinese reason. Only when no row is bad are all rows
sealed and saved, in one transaction (``licenses.services.importing.bulk_issue``).

Columns: 证照类型代码, 持证主体, 持证主体代码, 证照编号, 颁证日期, 有效期起始日期,
有效期截止日期 (empty: the type's default; “长期”: long-term), 颁证区划代码, 源系统状态代码, and one
column per face field of the type, headed by its label (e.g. 准驾车型) or its key.
"""

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import tablib
from django.core.exceptions import ValidationError
from import_export import resources
from import_export.formats import base_formats

from accounts.models import User
from catalogs.models import Department, LicenseType
from catalogs.workbooks import UnreadableFile, read_sheets
from licenses.models import ELicense, LicenseVersion
from licenses.services.drafts import prepare_draft
from licenses.services.importing import bulk_issue

COLUMNS = {
    "license_type": "证照类型代码",
    "holder_name": "持证主体",
    "holder_code": "持证主体代码",
    "number": "证照编号",
    "issue_date": "颁证日期",
    "valid_from": "有效期起始日期",
    "valid_until": "有效期截止日期",
    "area_code": "颁证区划代码",
    "source_status_code": "源系统状态代码",
}
LONG_TERM = {"长期", "长期有效"}
HEADER_LINES = 1


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value, column: str, errors: dict) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text.replace("/", "-")[:10])
    except ValueError:
        errors[column] = f"{column}应为日期（YYYY-MM-DD）"
        return None


class LicenseImportResource(resources.ModelResource):
    class Meta:
        model = ELicense
        fields = ()
        force_init_instance = True
        skip_diff = True
        use_transactions = True

    def __init__(self, *, issuer: Department, actor: User | None = None, on_row=None, on_sealed=None):
        super().__init__()
        self.issuer = issuer
        self.actor = actor
        self.on_row = on_row
        self.on_sealed = on_sealed
        self.drafts: list = []
        self.created: list[LicenseVersion] = []

    def before_import(self, dataset, **kwargs):
        self.drafts = []
        self.created = []
        self._types = {
            t.code: t for t in LicenseType.objects.prefetch_related("face_fields", "issuing_departments")
        }
        self._issuers = {code: {d.id for d in t.issuing_departments.all()} for code, t in self._types.items()}
        self._seen_numbers = set(
            LicenseVersion.objects.filter(license__issuer=self.issuer, is_current=True).values_list(
                "license__license_type__code", "number"
            )
        )

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, str] = {}
        type_code = _text(row.get(COLUMNS["license_type"]))
        license_type = self._types.get(type_code)
        if license_type is None:
            raise ValidationError(
                {
                    COLUMNS["license_type"]: f"证照类型代码“{type_code}”不存在"
                    if type_code
                    else "证照类型代码必填"
                }
            )
        fields = list(license_type.face_fields.all())
        face = {}
        for field in fields:
            value = row.get(field.label, row.get(field.key))
            if isinstance(value, (datetime, date)):
                value = value.isoformat()[:10]
            if _text(value):
                face[field.key] = _text(value)
        until_text = _text(row.get(COLUMNS["valid_until"]))
        dates = {
            key: _date(row.get(COLUMNS[key]), COLUMNS[key], errors) for key in ("issue_date", "valid_from")
        }
        valid_until = (
            None
            if until_text in LONG_TERM
            else _date(row.get(COLUMNS["valid_until"]), COLUMNS["valid_until"], errors)
        )
        draft = prepare_draft(
            license_type=license_type,
            issuer=self.issuer,
            holder_code=_text(row.get(COLUMNS["holder_code"])),
            holder_name=_text(row.get(COLUMNS["holder_name"])),
            face=face,
            number=_text(row.get(COLUMNS["number"])),
            issue_date=dates["issue_date"],
            valid_from=dates["valid_from"],
            valid_until=valid_until,
            long_term=until_text in LONG_TERM,
            area_code=_text(row.get(COLUMNS["area_code"])),
            source_status_code=_text(row.get(COLUMNS["source_status_code"])),
            face_fields=fields,
            issuer_type_ids=self._issuers[type_code],
        )
        labels = {f"face.{field.key}": field.label for field in fields}
        for key, reason in draft.errors.items():
            column = (
                COLUMNS.get(key) or labels.get(key) or (COLUMNS["license_type"] if key == "issuer" else key)
            )
            errors.setdefault(column, reason.removeprefix(f"{column}："))
        if draft.number:
            if (type_code, draft.number) in self._seen_numbers:
                errors.setdefault(COLUMNS["number"], f"证照编号“{draft.number}”重复（本表或证照库中已有）")
            self._seen_numbers.add((type_code, draft.number))
        if errors:
            raise ValidationError(errors)
        instance._draft = draft

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            raise ValidationError(import_validation_errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        self.drafts.append(instance._draft)

    def save_m2m(self, instance, *args, **kwargs):
        return None

    def before_import_row(self, row, **kwargs):
        if self.on_row:
            self.on_row(1)

    def after_import(self, dataset, result, **kwargs):
        if kwargs.get("dry_run") or result.has_errors() or result.has_validation_errors():
            return
        self.created = bulk_issue(
            drafts=self.drafts, issuer=self.issuer, actor=self.actor, on_sealed=self.on_sealed
        )


@dataclass(frozen=True)
class RowProblem:
    line: int  # spreadsheet line (the header is line 1)
    column: str
    reason: str

    def __str__(self) -> str:
        return f"第 {self.line} 行 · {self.column}：{self.reason}"


@dataclass
class ImportOutcome:
    total: int
    problems: list[RowProblem]
    created: int
    dry_run: bool

    @property
    def ok(self) -> bool:
        return not self.problems


def problems_of(result) -> list[RowProblem]:
    problems = []
    for invalid in result.invalid_rows:
        for column, messages in invalid.error_dict.items():
            for message in messages:
                problems.append(
                    RowProblem(
                        invalid.number + HEADER_LINES, "（整行）" if column == "__all__" else column, message
                    )
                )
    for number, errors in result.row_errors():
        for error in errors:
            problems.append(RowProblem(number + HEADER_LINES, "（整行）", f"导入出错：{error.error}"))
    if result.base_errors:
        problems.extend(RowProblem(0, "（文件）", str(error.error)) for error in result.base_errors)
    return problems


def dataset_from_bytes(data: bytes, *, filename: str):
    """The first sheet of an XLSX workbook, or a CSV file (UTF-8 or GBK/GB18030), as a tablib Dataset — read by the
    catalogs' spreadsheet reader, so damaged files and formula cells get the same Chinese ``UnreadableFile``."""

    sheets = read_sheets(data, filename=filename)
    if not sheets or not sheets[0].headers:
        raise UnreadableFile("文件中没有数据：第 1 行应为列名")
    sheet = sheets[0]
    return tablib.Dataset(*[tuple(row) for row in sheet.rows], headers=sheet.headers)


def read_dataset(path: Path):
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise UnreadableFile("只支持 .xlsx 或 .csv 文件")
    return dataset_from_bytes(path.read_bytes(), filename=path.name)


class SpreadsheetFormat:
    """django-import-export input formats (admin import) backed by the same reader."""

    class XLSX(base_formats.XLSX):
        def create_dataset(self, in_stream):
            return dataset_from_bytes(in_stream, filename="upload.xlsx")

    class CSV(base_formats.CSV):
        def is_binary(self):
            return True

        def get_read_mode(self):
            return "rb"

        def create_dataset(self, in_stream):
            data = in_stream if isinstance(in_stream, bytes) else in_stream.encode("utf-8")
            return dataset_from_bytes(data, filename="upload.csv")


def template_columns(license_type: LicenseType) -> list[str]:
    """The column headings of an import workbook for one license type: the metadata, then its face fields by label
    (the holder's name and code are the holder columns)."""
    face = [f.label for f in license_type.face_fields.all() if f.key not in ("name", "citizen_id", "uscc")]
    return [*COLUMNS.values(), *face]


def template_workbook(license_type: LicenseType) -> bytes:
    """An XLSX with the headings and one example row showing the formats."""

    columns = template_columns(license_type)
    example = {
        COLUMNS["license_type"]: license_type.code,
        COLUMNS["issue_date"]: "2026-01-31",
        COLUMNS["valid_until"]: "长期",
    }
    dataset = tablib.Dataset(headers=columns, title=license_type.name[:31])
    dataset.append([example.get(column, "") for column in columns])
    return dataset.export("xlsx")


def import_licenses(
    *,
    dataset,
    issuer: Department,
    actor: User | None = None,
    dry_run: bool = False,
    on_row=None,
    on_sealed=None,
) -> ImportOutcome:
    resource = LicenseImportResource(issuer=issuer, actor=actor, on_row=on_row, on_sealed=on_sealed)
    result = resource.import_data(
        dataset, dry_run=dry_run, use_transactions=True, rollback_on_validation_errors=True
    )
    problems = problems_of(result)
    return ImportOutcome(
        total=len(dataset), problems=problems, created=len(resource.created), dry_run=dry_run
    )
