"""verify_license: valid licenses pass for both algorithms, and each failure is caught with its own reason."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from licenses.models import LicenseVersion
from licenses.sealing import sign_with_key
from licenses.services import (
    cancel_license,
    mark_key_compromised,
    revoke_license,
    suspend_license,
    update_license,
)
from licenses.verification import verify_license
from tests.factories import valid_citizen_id

from .helpers import issue_person_license, issuer_with_key, person_license_type


def failed_checks(report) -> list[str]:
    return [check.name for check in report.checks if not check.ok]


@pytest.mark.parametrize("algorithm", ["ecdsa-p256-sha256", "sm2-sm3"])
def test_a_valid_license_passes_every_check(db, algorithm):
    version = issue_person_license(issuer=issuer_with_key(algorithm))
    report = verify_license(
        identifier=version.identifier,
        holder_code=version.license.holder_code,
        type_code=version.license.license_type.code,
    )
    assert (report.result, failed_checks(report)) == ("valid", [])
    assert [c.name for c in report.checks] == [
        "identifier_check",
        "found",
        "seal_signature",
        "seal_key_trusted",
        "seal_key_valid_at_signing",
        "holder_matches",
        "type_matches",
        "status_history",
        "status",
        "validity_window",
        "current_version",
    ]


@pytest.mark.parametrize("algorithm", ["ecdsa-p256-sha256", "sm2-sm3"])
def test_one_changed_face_field_breaks_the_seal(db, algorithm):
    version = issue_person_license(issuer=issuer_with_key(algorithm))
    LicenseVersion.objects.filter(pk=version.pk).update(face={**version.face, "vehicle_class": "A1"})
    report = verify_license(identifier=version.identifier)
    assert (report.result, failed_checks(report)) == ("untrusted-seal", ["seal_signature"])
    assert report.failed("seal_signature").message == "签章验证失败：数据已被篡改或签名无效"


def test_a_signature_from_a_key_outside_the_trust_list_is_untrusted(db):
    version = issue_person_license(issuer=issuer_with_key(trusted=False))
    report = verify_license(identifier=version.identifier)
    assert (report.result, failed_checks(report)) == ("untrusted-seal", ["seal_key_trusted"])
    assert "不在信任列表中" in report.failed("seal_key_trusted").message
    assert (report.checks[2].name, report.checks[2].ok) == ("seal_signature", True)  # checked, not assumed


def test_a_license_whose_seal_was_swapped_for_another_departments_signature_fails(db):
    """An attacker re-signs changed data with a key of their own department."""
    version = issue_person_license()
    other = issuer_with_key()
    forged_face = {**version.face, "vehicle_class": "A1"}
    LicenseVersion.objects.filter(pk=version.pk).update(face=forged_face)
    version.refresh_from_db()
    now = timezone.now()
    forged = sign_with_key(key=other.seal_keys.get(), payload=version.payload(), at=now)
    LicenseVersion.objects.filter(pk=version.pk).update(
        seal_key=other.seal_keys.get(), seal_signature=forged["signature"], sealed_at=now
    )
    assert failed_checks(verify_license(identifier=version.identifier)) == ["seal_key_trusted"]


def test_a_revoked_license_is_reported_as_revoked(db):
    version = issue_person_license()
    revoke_license(license=version.license, reason="以欺骗手段取得")
    report = verify_license(identifier=version.identifier)
    assert (report.result, failed_checks(report), report.failed("status").message) == (
        "revoked-or-cancelled",
        ["status"],
        "证照已吊销",
    )


def test_a_cancelled_license_is_reported_as_revoked_or_cancelled(db):
    version = issue_person_license()
    cancel_license(license=version.license, reason="注销")
    assert verify_license(identifier=version.identifier).failed("status").message == "证照已注销"


def test_a_suspended_license_is_reported_as_suspended(db):
    version = issue_person_license()
    suspend_license(license=version.license, reason="暂扣六个月")
    report = verify_license(identifier=version.identifier)
    assert (report.result, failed_checks(report)) == ("suspended", ["status"])


def test_a_license_past_its_end_date_is_expired_even_before_the_job_ran(db):
    version = issue_person_license(
        valid_from=date(2020, 1, 1), valid_until=date(2025, 12, 31), issue_date=date(2020, 1, 1)
    )
    report = verify_license(identifier=version.identifier, on=date(2026, 1, 1))
    assert (report.result, failed_checks(report)) == ("expired", ["validity_window"])


def test_a_license_is_valid_on_its_last_day(db):
    version = issue_person_license(
        valid_from=date(2020, 1, 1), valid_until=date(2025, 12, 31), issue_date=date(2020, 1, 1)
    )
    assert verify_license(identifier=version.identifier, on=date(2025, 12, 31)).result == "valid"


def test_a_license_not_yet_in_force_is_reported_as_such(db):
    version = issue_person_license(valid_from=date(2027, 1, 1))
    assert verify_license(identifier=version.identifier, on=date(2026, 6, 1)).result == "not-yet-valid"


def test_a_holder_mismatch_is_reported_as_data_mismatch(db):
    version = issue_person_license()
    report = verify_license(identifier=version.identifier, holder_code=valid_citizen_id())
    assert (report.result, failed_checks(report)) == ("data-mismatch", ["holder_matches"])


def test_a_type_mismatch_is_reported_as_data_mismatch(db):
    version = issue_person_license()
    report = verify_license(identifier=version.identifier, type_code=person_license_type().code)
    assert (report.result, failed_checks(report)) == ("data-mismatch", ["type_matches"])


def test_a_wrong_identifier_check_character_is_caught_before_any_lookup(db, django_assert_num_queries):
    version = issue_person_license()
    check = version.identifier[-1]
    wrong = version.identifier[:-1] + ("A" if check != "A" else "B")
    with django_assert_num_queries(0):
        report = verify_license(identifier=wrong)
    assert (report.result, failed_checks(report)) == ("invalid-identifier", ["identifier_check"])
    assert "校验位错误" in report.failed("identifier_check").message


def test_a_malformed_identifier_is_invalid(db):
    assert verify_license(identifier="1.2.156.3005.2.abc").result == "invalid-identifier"


def test_a_well_formed_identifier_that_was_never_issued_is_not_found(db):
    version = issue_person_license()
    lic = version.license
    from licenses.identifiers import build_identifier

    unknown = build_identifier(
        type_code=lic.license_type.code, issuer_uscc=lic.issuer.uscc, serial="99999999", version=1
    )
    assert verify_license(identifier=unknown).result == "not-found"


def test_a_license_sealed_after_its_key_was_marked_compromised_fails(db):
    issuer = issuer_with_key(valid_from=timezone.now() - timedelta(days=1))
    key = issuer.seal_keys.get()
    license_type = person_license_type(issuers=[issuer])
    before = issue_person_license(
        issuer=issuer, license_type=license_type, at=timezone.now() - timedelta(hours=3)
    )
    after = issue_person_license(
        issuer=issuer, license_type=license_type, at=timezone.now() - timedelta(hours=1)
    )
    mark_key_compromised(key=key, since=timezone.now() - timedelta(hours=2), reason="签章服务器被入侵")
    report = verify_license(identifier=after.identifier)
    assert verify_license(identifier=before.identifier).result == "valid"
    # its status history was sealed by the same key after the compromise: not to be trusted either
    assert (report.result, failed_checks(report)) == (
        "untrusted-seal",
        ["seal_key_valid_at_signing", "status_history"],
    )
    assert "已泄露" in report.failed("seal_key_valid_at_signing").message


def test_after_key_rotation_old_licenses_still_verify(db):
    from licenses.services import rotate_seal_key

    issuer = issuer_with_key(valid_from=timezone.now() - timedelta(days=1))
    license_type = person_license_type(issuers=[issuer])
    old = issue_person_license(issuer=issuer, license_type=license_type)
    new_key = rotate_seal_key(department=issuer, algorithm="sm2-sm3")
    new = issue_person_license(issuer=issuer, license_type=license_type)
    assert new.seal_key == new_key
    assert (
        verify_license(identifier=old.identifier).result,
        verify_license(identifier=new.identifier).result,
    ) == ("valid", "valid")


def test_a_superseded_version_is_reported_as_superseded(db):
    first = issue_person_license()
    update_license(license=first.license, changes={"face": {"points": 3}}, reason="记分")
    report = verify_license(identifier=first.identifier)
    assert (report.result, failed_checks(report)) == ("superseded", ["current_version"])


def test_the_report_is_json_serialisable_with_named_checks(db):
    import json

    version = issue_person_license()
    data = verify_license(identifier=version.identifier).as_dict()
    assert json.loads(json.dumps(data))["checks"][0] == {
        "name": "identifier_check",
        "ok": True,
        "message": "证照标识校验位正确",
    }
    assert set(data) >= {"identifier", "result", "checks", "checked_at"}
