"""Damaged spreadsheets get a Chinese explanation, never a traceback or a 500: a corrupt zip, XML cut short,
formula cells — in `import_catalog`, `import_licenses` and both admin imports, all through one reader — and
`import_licenses` reads GBK/GB18030 CSV like `import_catalog` does."""

import csv
import io
import zipfile

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.roles import ISSUER
from catalogs.workbooks import Sheet, write_xlsx
from licenses.models import ELicense
from tests.factories import UserFactory, valid_citizen_id

from .helpers import issuer_with_key, person_license_type

HEADERS = ["证照类型代码", "持证主体", "持证主体代码", "准驾车型", "初次领证日期", "记分"]


@pytest.fixture
def setup(db):
    issuer = issuer_with_key()
    return issuer, person_license_type(issuers=[issuer])


def good_xlsx(rows) -> bytes:
    return write_xlsx(
        [Sheet(title="证照", headers=HEADERS, rows=rows, row_numbers=list(range(2, len(rows) + 2)))]
    )


def truncated_xml(data: bytes) -> bytes:
    """The same workbook with its first worksheet's XML cut in the middle (a half-saved file)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                content = content[: len(content) // 2]
            target.writestr(item, content)
    return out.getvalue()


def with_formula(license_type) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append([license_type.code, "赵六", valid_citizen_id(), "C1", "2012-01-01", "=1+1"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def damaged(kind: str, license_type) -> bytes:
    rows = [[license_type.code, "赵六", valid_citizen_id(), "C1", "2012-01-01", "0"]]
    return {
        "corrupt-zip": good_xlsx(rows)[:300],
        "truncated-xml": truncated_xml(good_xlsx(rows)),
        "formula": with_formula(license_type),
    }[kind]


MESSAGES = {"corrupt-zip": "不是有效的 XLSX 工作簿", "truncated-xml": "已损坏或不完整", "formula": "公式"}


@pytest.mark.parametrize("kind", ["corrupt-zip", "truncated-xml", "formula"])
def test_import_licenses_explains_a_damaged_workbook_in_chinese(setup, tmp_path, kind):
    issuer, license_type = setup
    path = tmp_path / "licenses.xlsx"
    path.write_bytes(damaged(kind, license_type))
    with pytest.raises(CommandError, match=MESSAGES[kind]):
        call_command("import_licenses", str(path), "--issuer", issuer.uscc, "--no-progress")
    assert ELicense.objects.count() == 0


@pytest.mark.parametrize("kind", ["corrupt-zip", "truncated-xml", "formula"])
def test_import_catalog_explains_a_damaged_workbook_in_chinese(setup, tmp_path, kind):
    _issuer, license_type = setup
    path = tmp_path / "catalog.xlsx"
    path.write_bytes(damaged(kind, license_type))
    with pytest.raises(CommandError):
        call_command("import_catalog", str(path), "--no-progress", stderr=io.StringIO())
    err = io.StringIO()
    try:
        call_command("import_catalog", str(path), "--no-progress", stderr=err)
    except CommandError:
        pass
    assert MESSAGES[kind] in err.getvalue()


def test_the_formula_message_names_the_cell(setup, tmp_path):
    issuer, license_type = setup
    path = tmp_path / "licenses.xlsx"
    path.write_bytes(with_formula(license_type))
    with pytest.raises(CommandError, match="F2"):
        call_command("import_licenses", str(path), "--issuer", issuer.uscc, "--no-progress")


def test_import_licenses_reads_gbk_csv(setup, tmp_path):
    issuer, license_type = setup
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(HEADERS)
    writer.writerow([license_type.code, "赵六", valid_citizen_id(), "C1", "2012-01-01", "0"])
    path = tmp_path / "gbk.csv"
    path.write_bytes(text.getvalue().encode("gbk"))
    call_command("import_licenses", str(path), "--issuer", issuer.uscc, "--no-progress", stdout=io.StringIO())
    assert ELicense.objects.get().versions.get().holder_name == "赵六"


@pytest.mark.parametrize("kind", ["corrupt-zip", "truncated-xml", "formula"])
def test_the_license_admin_import_explains_a_damaged_workbook(client, setup, kind):
    issuer, license_type = setup
    client.force_login(UserFactory(roles=[ISSUER], is_staff=True, department=issuer))
    upload = io.BytesIO(damaged(kind, license_type))
    upload.name = "licenses.xlsx"
    response = client.post(reverse("admin:licenses_elicense_import"), {"file": upload, "dry_run": "on"})
    assert response.status_code == 200
    assert MESSAGES[kind] in response.content.decode()
    assert not ELicense.objects.exists()


@pytest.mark.parametrize("kind", ["corrupt-zip", "truncated-xml", "formula"])
def test_the_catalog_admin_import_explains_a_damaged_workbook(client, setup, policy_user, kind):
    _issuer, license_type = setup
    client.force_login(policy_user)
    upload = io.BytesIO(damaged(kind, license_type))
    upload.name = "catalog.xlsx"
    response = client.post("/admin/catalogs/serviceitem/import/", {"file": upload, "dry_run": "on"})
    assert response.status_code == 400
    assert MESSAGES[kind] in response.content.decode()


def _csv(rows) -> str:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return text.getvalue()


def test_import_licenses_reads_a_utf8_csv_with_a_byte_order_mark(setup, tmp_path):
    """Excel saves "CSV UTF-8" with a BOM: the first header must still be 证照类型代码, not '\\ufeff证照类型代码'."""
    issuer, license_type = setup
    path = tmp_path / "bom.csv"
    path.write_bytes(
        _csv([[license_type.code, "赵六", valid_citizen_id(), "C1", "2012-01-01", "0"]]).encode("utf-8-sig")
    )
    call_command("import_licenses", str(path), "--issuer", issuer.uscc, "--no-progress", stdout=io.StringIO())
    assert ELicense.objects.get().versions.get().holder_name == "赵六"


def test_a_csv_cut_in_the_middle_of_a_character_imports_nothing_and_says_why(setup, tmp_path):
    """A half-copied file: its last row ends inside a UTF-8 character. It is not mistaken for GBK (which would
    turn every row into mojibake errors); it is named as cut short, and nothing is written."""
    issuer, license_type = setup
    rows = [[license_type.code, "赵六", valid_citizen_id(), "C1", "2012-01-01", "0"]] * 2
    data = _csv(rows).encode("utf-8")
    cut = data[: data.rindex("赵".encode()) + 2]  # two of the three bytes of 赵 in the last row
    path = tmp_path / "cut.csv"
    path.write_bytes(cut)
    with pytest.raises(CommandError, match="CSV 文件不完整：文件末尾被截断"):
        call_command("import_licenses", str(path), "--issuer", issuer.uscc, "--no-progress")
    assert ELicense.objects.count() == 0
