from datetime import datetime

import pytest
from django.utils import timezone

from archives.inputs import ArchiveDocument, CaseRecord, Decision, LicenseSnapshot
from archives.services import create_archive_package
from forms.models import DocumentKind
from licenses.sealing import create_seal_key
from tests.factories import DepartmentFactory, valid_citizen_id
from tests.forms.support import rendered_samples


@pytest.fixture
def archive_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def archiving_department(db):
    department = DepartmentFactory(name="西宁市城东区民政局")
    create_seal_key(department=department)
    return department


def make_case(department, number: str = "MZB-20260302-000123", **overrides) -> CaseRecord:
    values = dict(
        case_number=number,
        service_item_code="630000-MZ-0001",
        service_item_name="内地居民婚姻登记",
        service_item_version=1,
        retention_years=30,
        applicant_name="欧阳青禾",
        applicant_code=valid_citizen_id(),
        applicant_code_type="111",
        department=department,
        handler_name="王晓明",
        submitted_at=timezone.make_aware(datetime(2026, 3, 2, 9, 0)),
        decided_at=timezone.make_aware(datetime(2026, 3, 2, 11, 0)),
        decision=Decision.APPROVED,
        decision_note="材料齐全，准予登记",
    )
    values.update(overrides)
    return CaseRecord(**values)


def sample_documents() -> list[ArchiveDocument]:
    pdfs = rendered_samples()
    return [
        ArchiveDocument(
            role="application_form",
            title="内地居民婚姻登记申请表",
            number="SQ-2026-139262013-000001",
            content=pdfs[DocumentKind.APPLICATION_FORM],
        ),
        ArchiveDocument(
            role="decision",
            title="准予行政许可决定书",
            number="SQ-2026-139262013-000004",
            content=pdfs[DocumentKind.DECISION],
        ),
    ]


def sample_licenses() -> list[LicenseSnapshot]:
    return [
        LicenseSnapshot(
            identifier="1.2.156.3005.2.ID.0001",
            type_code="11630000139260010X001",
            type_name="居民身份证",
            data={"holder_name": "欧阳青禾", "face": {"sex": "女", "ethnicity": "汉"}},
            verification_report={
                "identifier": "1.2.156.3005.2.ID.0001",
                "result": "valid",
                "checked_at": "2026-03-02T09:01:00+08:00",
                "checks": [{"name": "seal", "ok": True, "message": "签章有效"}],
            },
        )
    ]


AUDIT = [
    {"at": "2026-03-02T09:00:00+08:00", "event": "case.submitted", "actor": "applicant"},
    {"at": "2026-03-02T11:00:00+08:00", "event": "case.approved", "actor": "王晓明"},
]


def build_package(department, number: str = "MZB-20260302-000123", **case_overrides):
    return create_archive_package(
        case=make_case(department, number, **case_overrides),
        documents=sample_documents(),
        licenses=sample_licenses(),
        audit_extract=AUDIT,
        archiving_department=department,
    )


@pytest.fixture
def package(archive_root, archiving_department):
    return build_package(archiving_department)


@pytest.fixture
def package_dir(package, archive_root):
    return archive_root / package.storage_prefix


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Users are created in many tests here; PBKDF2 at full strength only slows them down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
