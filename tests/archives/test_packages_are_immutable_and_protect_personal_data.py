"""Packages: immutable, retention computed from the service item, applicant masked with a protected full copy."""

import json
from datetime import date

import pytest
from django.db import connection, transaction
from django.utils import timezone

from archives.errors import ArchiveExists, ArchiveImmutable, ArchiveInputInvalid
from archives.inputs import ArchiveDocument
from archives.models import ArchivePackage
from archives.protection import unprotect
from archives.services import check_package, create_archive_package
from tests.archives.conftest import AUDIT, build_package, make_case, sample_licenses

# A tiny PDF whose catalog runs JavaScript when opened.
SCRIPTED_PDF = (
    b"%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R /OpenAction <</S /JavaScript /JS (app.alert\\(1\\))>> >> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
    b"3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n"
    b"trailer <</Root 1 0 R /Size 4>>\n%%EOF\n"
)


def test_a_package_cannot_be_changed_through_the_model(package):
    package.decision = "rejected"
    with pytest.raises(ArchiveImmutable, match="归档信息包一经形成不可修改或删除"):
        package.save()


def test_a_package_cannot_be_deleted_or_bulk_updated(package):
    with pytest.raises(ArchiveImmutable):
        package.delete()
    with pytest.raises(ArchiveImmutable):
        ArchivePackage.objects.filter(pk=package.pk).update(decision="rejected")
    with pytest.raises(ArchiveImmutable):
        ArchivePackage.objects.all().delete()


@pytest.mark.postgres
def test_postgresql_refuses_an_update_even_by_raw_sql(package):
    with (
        pytest.raises(Exception, match="不可修改或删除"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE archives_archivepackage SET decision = 'rejected' WHERE id = %s", [package.pk])
    assert ArchivePackage.objects.get(pk=package.pk).decision == "approved"


def test_a_case_is_archived_only_once(package, archiving_department):
    with pytest.raises(ArchiveExists, match="已经归档"):
        build_package(archiving_department)


def test_the_retention_period_starts_on_the_first_of_january_after_the_decision(package):
    assert package.retention_years == 30 and package.retention_until == date(2057, 1, 1)


def test_a_permanent_retention_has_no_end_date(archive_root, archiving_department):
    package = build_package(archiving_department, number="MZB-PERM-1", retention_years=0)
    assert package.retention_until is None


def test_the_manifest_shows_the_applicant_masked_and_keeps_the_full_values_protected(package, package_dir):
    manifest = json.loads((package_dir / "manifest.json").read_text())
    applicant = manifest["applicant"]
    assert applicant["name_masked"] == "欧**禾" and "*" in applicant["code_masked"]
    assert "欧阳青禾" not in (package_dir / "manifest.json").read_text()
    assert unprotect(applicant["protected"])["name"] == "欧阳青禾"


def test_the_manifest_lists_every_file_with_its_hash(package, package_dir):
    import hashlib

    manifest = json.loads((package_dir / "manifest.json").read_text())
    for entry in manifest["files"]:
        assert hashlib.sha256((package_dir / entry["path"]).read_bytes()).hexdigest() == entry["sha256"]
    assert manifest["counts"] == {"files": 5, "documents": 2, "licenses": 1, "audit_events": 2}
    assert manifest["case"]["service_item"] == {
        "code": "630000-MZ-0001",
        "name": "内地居民婚姻登记",
        "version": 1,
    }


def test_a_case_decided_before_it_was_submitted_is_refused(archive_root, archiving_department):
    with pytest.raises(ArchiveInputInvalid, match="办结时间早于申请时间"):
        build_package(
            archiving_department,
            number="MZB-BAD-1",
            decided_at=timezone.make_aware(timezone.datetime(2026, 3, 1)),
        )


def test_a_pdf_with_javascript_is_named_by_the_security_check(archive_root, archiving_department):
    package = create_archive_package(
        case=make_case(archiving_department, "MZB-JS-1"),
        licenses=sample_licenses(),
        audit_extract=AUDIT,
        documents=[ArchiveDocument(role="decision", title="决定书", number="JD-1", content=SCRIPTED_PDF)],
        archiving_department=archiving_department,
    )
    report = check_package(package=package)
    assert ("security", "script-content", "documents/01-decision.pdf") in {
        (f.category, f.code, f.path) for f in report.failures
    }
    assert ("usability", "not-pdfa", "documents/01-decision.pdf") in {
        (f.category, f.code, f.path) for f in report.failures
    }


def test_storage_never_overwrites_an_existing_package_file(package, package_dir):
    from archives.storage import write_package_files

    before = (package_dir / "manifest.json").read_bytes()
    with pytest.raises(ArchiveExists, match="不能覆盖"):
        write_package_files(package_id=package.package_id, files={"manifest.json": b"{}"})
    assert (package_dir / "manifest.json").read_bytes() == before
