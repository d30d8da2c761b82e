"""License status is sealed: every status change is signed by the issuer's key and chained to the one
before it, so a status changed by SQL, or a status change rewritten or removed from the middle of the
history, fails ``verify_license`` by name (check ``status_history``)."""

import pytest
from django.db import connection

from licenses.models import LicenseStatus, StatusChange
from licenses.services import restore_license, revoke_license, suspend_license
from licenses.verification import verify_license

from .helpers import issue_person_license, issuer_with_key


def _sql(statement: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def failed(report) -> list[str]:
    return [check.name for check in report.checks if not check.ok]


@pytest.mark.parametrize("algorithm", ["ecdsa-p256-sha256", "sm2-sm3"])
def test_a_license_with_its_whole_history_intact_verifies(db, algorithm):
    version = issue_person_license(issuer=issuer_with_key(algorithm))
    suspend_license(license=version.license, reason="暂扣")
    restore_license(license=version.license, reason="恢复")
    report = verify_license(identifier=version.identifier)
    assert (report.result, failed(report)) == ("valid", [])
    assert report.checks[[c.name for c in report.checks].index("status_history")].ok


def test_a_revoked_license_revived_by_sql_fails_verification(db):
    version = issue_person_license()
    revoke_license(license=version.license, reason="吊销")
    _sql("UPDATE licenses_elicense SET status = %s WHERE id = %s", LicenseStatus.VALID, version.license_id)
    report = verify_license(identifier=version.identifier)
    assert not report.ok
    assert "status_history" in failed(report)
    check = report.failed("status_history")
    assert "吊销" in check.message and "有效" in check.message


def test_a_status_change_rewritten_by_sql_breaks_its_seal(db):
    version = issue_person_license()
    revoke_license(license=version.license, reason="吊销")
    _sql(
        "UPDATE licenses_statuschange SET to_status = %s WHERE license_id = %s AND action = 'revoked'",
        LicenseStatus.VALID,
        version.license_id,
    )
    _sql("UPDATE licenses_elicense SET status = %s WHERE id = %s", LicenseStatus.VALID, version.license_id)
    report = verify_license(identifier=version.identifier)
    assert not report.ok and "status_history" in failed(report)


def test_a_status_change_removed_from_the_middle_breaks_the_chain(db):
    version = issue_person_license()
    suspend_license(license=version.license, reason="暂扣")
    restore_license(license=version.license, reason="恢复")
    suspended = StatusChange.objects.get(license=version.license, action="suspended")
    _sql("DELETE FROM licenses_statuschange WHERE id = %s", suspended.pk)
    report = verify_license(identifier=version.identifier)
    assert not report.ok and "status_history" in failed(report)
