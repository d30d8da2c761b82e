"""四性检测 catches each way a stored package can be tampered with, and names it; an untouched one passes."""

import io
import json

import pytest
from django.core.management import call_command

from archives.models import CheckRun
from licenses.sealing import create_seal_key, seal_payload
from tests.factories import DepartmentFactory


def run_check(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("archive_check", *args, stdout=out)
        return 0, out.getvalue()
    except SystemExit as exit_:
        return exit_.code, out.getvalue()


def test_an_untouched_package_passes_all_four_checks(package):
    code, output = run_check("--package", package.package_id)
    assert code == 0, output
    assert f"{package.package_id}：通过" in output
    assert CheckRun.objects.get(package=package).ok


def test_a_changed_byte_in_a_pdf_is_named(package, package_dir):
    pdf = package_dir / "documents/02-decision.pdf"
    content = bytearray(pdf.read_bytes())
    content[len(content) // 2] ^= 0x01
    pdf.write_bytes(bytes(content))
    code, output = run_check("--package", package.package_id)
    assert code == 1
    assert "真实性/hash-mismatch [documents/02-decision.pdf]" in output


def test_a_removed_file_is_named(package, package_dir):
    (package_dir / "licenses/01-11630000139260010X001.verification.json").unlink()
    code, output = run_check("--package", package.package_id)
    assert code == 1
    assert "完整性/missing-file [licenses/01-11630000139260010X001.verification.json]" in output


def test_an_added_file_is_named(package, package_dir):
    (package_dir / "documents/03-other.pdf").write_bytes(
        (package_dir / "documents/01-application_form.pdf").read_bytes()
    )
    code, output = run_check("--package", package.package_id)
    assert code == 1
    assert "完整性/extra-file [documents/03-other.pdf]" in output


def test_an_edited_manifest_value_is_named(package, package_dir):
    manifest_path = package_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["case"]["decision"] = "rejected"
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True))
    code, output = run_check("--package", package.package_id)
    assert code == 1
    assert "真实性/seal-invalid [seal.json]" in output and "bad-signature" in output
    assert "真实性/manifest-changed [manifest.json]" in output


def test_a_seal_from_another_department_is_named(package, package_dir):
    other = DepartmentFactory(name="青海省公安厅")
    create_seal_key(department=other)
    manifest = json.loads((package_dir / "manifest.json").read_text())
    (package_dir / "seal.json").write_text(
        json.dumps({"signed": "manifest.json", "seal": seal_payload(department=other, payload=manifest)})
    )
    code, output = run_check("--package", package.package_id)
    assert code == 1
    assert "真实性/seal-issuer-mismatch [seal.json]" in output


def test_a_forged_signature_is_named(package, package_dir):
    seal_document = json.loads((package_dir / "seal.json").read_text())
    seal_document["seal"]["signature"] = "MEUCIQD" + "A" * 88 + "=="
    (package_dir / "seal.json").write_text(json.dumps(seal_document))
    code, output = run_check("--package", package.package_id)
    assert code == 1
    assert "真实性/seal-invalid [seal.json]" in output


def test_json_output_lists_the_failing_items_by_category(package, package_dir):
    (package_dir / "audit/audit-extract.json").unlink()
    code, output = run_check("--package", package.package_id, "--json")
    report = json.loads(output)[0]
    assert code == 1 and report["ok"] is False
    assert report["summary"]["integrity"]["ok"] is False and report["summary"]["security"]["ok"] is True
    assert {
        "category": "integrity",
        "code": "missing-file",
        "ok": False,
        "message": "清单中登记的文件不存在",
        "path": "audit/audit-extract.json",
    } in report["failures"]


def test_check_all_fails_if_any_package_fails(package, package_dir, archiving_department):
    from tests.archives.conftest import build_package

    build_package(archiving_department, number="MZB-20260302-000124")
    (package_dir / "manifest.json").unlink()
    code, output = run_check("--all")
    assert code == 1
    assert "共检测 2 个信息包，1 个通过，1 个不通过" in output
    assert "完整性/manifest-missing [manifest.json]" in output


def test_an_unknown_package_id_is_a_clear_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有档号为 ARC-2026-NOPE 的归档信息包"):
        call_command("archive_check", "--package", "ARC-2026-NOPE")
