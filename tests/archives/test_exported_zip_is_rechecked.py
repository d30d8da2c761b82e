"""A package travels as one zip; the receiving side re-checks the imported zip with the same 四性检测."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command

from archives.checks import check_reader
from archives.selectors import export_zip
from archives.storage import ZipReader


def _check_zip_file(path) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("archive_check", "--zip", str(path), stdout=out)
        return 0, out.getvalue()
    except SystemExit as exit_:
        return exit_.code, out.getvalue()


def _rezip(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    entries = {info.filename: source.read(info) for info in source.infolist()}
    change(entries)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, content in entries.items():
            target.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture
def exported(package):
    return export_zip(package)


def test_an_exported_zip_passes_the_check_after_import(package, exported, tmp_path):
    path = tmp_path / f"{package.package_id}.zip"
    call_command(
        "archive_export", "--package", package.package_id, "--output", str(path), stdout=io.StringIO()
    )
    code, output = _check_zip_file(path)
    assert code == 0, output
    assert path.read_bytes() == exported  # the export is deterministic


def test_every_entry_of_the_zip_sits_under_the_package_directory(package, exported):
    names = zipfile.ZipFile(io.BytesIO(exported)).namelist()
    assert names and all(name.startswith(package.package_id + "/") for name in names)
    assert f"{package.package_id}/manifest.json" in names and f"{package.package_id}/seal.json" in names


def test_a_tampered_pdf_in_an_imported_zip_is_named(package, exported, tmp_path):
    def flip(entries):
        name = f"{package.package_id}/documents/01-application_form.pdf"
        entries[name] = entries[name].replace(b"%%EOF", b"%%EOF\n% appended", 1)

    path = tmp_path / "tampered.zip"
    path.write_bytes(_rezip(exported, flip))
    code, output = _check_zip_file(path)
    assert code == 1 and "真实性/hash-mismatch [documents/01-application_form.pdf]" in output


def test_a_zip_entry_escaping_the_package_is_named_and_never_read(package, exported):
    def escape(entries):
        entries["../../etc/cron.d/evil"] = b"* * * * * root rm -rf /"

    report = check_reader(ZipReader(_rezip(exported, escape), label="evil.zip"))
    failures = {(f.code, f.path) for f in report.failures}
    assert ("unsafe-entry", "../../etc/cron.d/evil") in failures


def test_an_executable_smuggled_into_the_zip_is_named(package, exported):
    def smuggle(entries):
        entries[f"{package.package_id}/documents/03-other.pdf"] = b"\x7fELF\x02\x01\x01" + b"\0" * 64

    report = check_reader(ZipReader(_rezip(exported, smuggle), label="elf.zip"))
    failures = {(f.category, f.code, f.path) for f in report.failures}
    assert ("security", "executable-content", "documents/03-other.pdf") in failures
    assert ("security", "type-mismatch", "documents/03-other.pdf") in failures
    assert ("integrity", "extra-file", "documents/03-other.pdf") in failures


def test_a_manifest_that_does_not_parse_fails_usability(package, exported):
    def garble(entries):
        entries[f"{package.package_id}/manifest.json"] = b"{not json"

    report = check_reader(ZipReader(_rezip(exported, garble), label="garbled.zip"))
    assert ("usability", "manifest-unparsable") in {(f.category, f.code) for f in report.failures}


def test_a_script_inside_a_license_snapshot_is_named(package, exported):
    def inject(entries):
        name = next(n for n in entries if n.endswith("01-11630000139260010X001.json"))
        data = json.loads(entries[name])
        data["data"]["holder_name"] = "<script>alert(1)</script>"
        entries[name] = json.dumps(data).encode()

    report = check_reader(ZipReader(_rezip(exported, inject), label="script.zip"))
    assert ("security", "script-content") in {(f.category, f.code) for f in report.failures}
