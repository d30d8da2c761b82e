"""Bulk digitisation: all-or-nothing import, each bad row named by line, column and a Chinese reason."""

import csv
import os

import pytest
from django.core.management import CommandError, call_command

from licenses.importing import import_licenses, read_dataset
from licenses.models import ELicense, LicenseVersion, StatusAction, StatusChange
from licenses.verification import verify_license
from tests.factories import valid_citizen_id

from .helpers import issuer_with_key, person_license_type

HEADERS = [
    "证照类型代码",
    "持证主体",
    "持证主体代码",
    "证照编号",
    "颁证日期",
    "有效期截止日期",
    "准驾车型",
    "初次领证日期",
    "记分",
]


@pytest.fixture
def setup(db):
    issuer = issuer_with_key()
    return issuer, person_license_type(issuers=[issuer], validity_years=6)


def rows(license_type, count: int) -> list[list[str]]:
    return [
        [
            license_type.code,
            f"持证人{i}",
            valid_citizen_id(),
            f"QH{i:06d}",
            "2024-03-01",
            "",
            "C1",
            "2010-05-01",
            "0",
        ]
        for i in range(count)
    ]


def write_csv(path, data) -> str:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(data)
    return str(path)


def test_one_bad_row_imports_nothing_and_names_the_line_column_and_reason(setup, tmp_path):
    issuer, license_type = setup
    data = rows(license_type, 50)
    data[36][6] = "Z9"  # 准驾车型 outside the choices, spreadsheet line 38
    path = write_csv(tmp_path / "licenses.csv", data)
    with pytest.raises(CommandError, match="共 50 行，其中 1 行有误，未导入任何证照"):
        call_command("import_licenses", path, "--issuer", issuer.uscc, "--no-progress")
    assert ELicense.objects.count() == 0 and LicenseVersion.objects.count() == 0


def test_the_report_lists_the_bad_row(setup, tmp_path, capsys):
    issuer, license_type = setup
    data = rows(license_type, 5)
    data[2][6] = "Z9"
    with pytest.raises(CommandError):
        call_command(
            "import_licenses", write_csv(tmp_path / "l.csv", data), "--issuer", issuer.uscc, "--no-progress"
        )
    assert capsys.readouterr().out.strip() == "第 4 行 · 准驾车型：应为以下之一：A1、C1"


def test_fixed_the_same_file_imports_every_row_sealed_and_verifiable(setup, tmp_path):
    issuer, license_type = setup
    data = rows(license_type, 50)
    call_command(
        "import_licenses", write_csv(tmp_path / "ok.csv", data), "--issuer", issuer.uscc, "--no-progress"
    )
    versions = LicenseVersion.objects.select_related("license")
    assert versions.count() == 50
    assert {verify_license(identifier=v.identifier).result for v in versions[:5]} == {"valid"}
    assert StatusChange.objects.filter(action=StatusAction.IMPORTED).count() == 50
    assert sorted(v.license.serial for v in versions)[-1] == "00000050"


def test_a_dry_run_validates_without_importing(setup, tmp_path, capsys):
    issuer, license_type = setup
    call_command(
        "import_licenses",
        write_csv(tmp_path / "ok.csv", rows(license_type, 3)),
        "--issuer",
        issuer.uscc,
        "--dry-run",
        "--no-progress",
    )
    assert "校验通过：3 行均可导入" in capsys.readouterr().out and ELicense.objects.count() == 0


def test_every_kind_of_bad_value_is_named(setup, tmp_path):
    issuer, license_type = setup
    data = rows(license_type, 6)
    good_id = data[0][2]
    data[0][2] = good_id[:-1] + ("0" if good_id[-1] != "0" else "1")  # wrong check digit
    data[1][4] = "2024-13-45"  # not a date
    data[2][0] = "000000000000000000000"  # unknown type
    data[3][1] = ""  # holder name missing
    data[4][3] = data[5][3]  # duplicate number within the file
    outcome = import_licenses(dataset=read_dataset(_path(tmp_path, data)), issuer=issuer, dry_run=True)
    named = {(p.line, p.column) for p in outcome.problems}
    assert named == {
        (2, "持证主体代码"),
        (3, "颁证日期"),
        (4, "证照类型代码"),
        (5, "持证主体"),
        (7, "证照编号"),
    }
    assert all(p.reason for p in outcome.problems)


def _path(tmp_path, data):
    from pathlib import Path

    return Path(write_csv(tmp_path / "bad.csv", data))


def test_long_term_is_accepted_in_the_end_date_column(setup, tmp_path):
    issuer, license_type = setup
    data = rows(license_type, 1)
    data[0][5] = "长期"
    outcome = import_licenses(dataset=read_dataset(_path(tmp_path, data)), issuer=issuer)
    assert outcome.ok and LicenseVersion.objects.get().valid_until is None


def test_a_number_already_in_the_registry_is_refused(setup, tmp_path):
    issuer, license_type = setup
    data = rows(license_type, 2)
    assert import_licenses(dataset=read_dataset(_path(tmp_path, data)), issuer=issuer).created == 2
    again = import_licenses(dataset=read_dataset(_path(tmp_path, data)), issuer=issuer)
    assert (again.created, {p.column for p in again.problems}) == (0, {"证照编号"})


def test_an_xlsx_file_is_read_too(setup, tmp_path):
    import openpyxl

    issuer, license_type = setup
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows(license_type, 3):
        sheet.append(row)
    book.save(tmp_path / "licenses.xlsx")
    assert import_licenses(dataset=read_dataset(tmp_path / "licenses.xlsx"), issuer=issuer).created == 3


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("RUN_SLOW"),
    reason="10,000 rows take ~30 s; RUN_SLOW=1 runs it (bench/licenses_verify.py --import-rows 10000 too)",
)
def test_ten_thousand_rows_with_one_bad_row_import_nothing_and_fixed_import_all(setup, tmp_path):
    issuer, license_type = setup
    data = rows(license_type, 10_000)
    data[7_776][2] = "123"
    bad = import_licenses(dataset=read_dataset(_path(tmp_path, data)), issuer=issuer)
    assert [(p.line, p.column) for p in bad.problems] == [
        (7_778, "持证主体代码")
    ] and ELicense.objects.count() == 0
    data[7_776][2] = valid_citizen_id()
    good = import_licenses(dataset=read_dataset(_path(tmp_path, data)), issuer=issuer)
    assert good.created == 10_000 and LicenseVersion.objects.count() == 10_000
