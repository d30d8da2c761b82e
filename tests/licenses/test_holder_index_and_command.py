"""The holder's license index for the rules engine, and `manage.py verify_license`."""

import json
from datetime import date

import pytest
from django.core.management import call_command

from licenses.selectors import license_index_for_holder
from licenses.services import revoke_license, update_license
from tests.factories import valid_citizen_id

from .helpers import issue_person_license, issuer_with_key, person_license_type


def test_the_index_lists_each_license_once_at_its_latest_version(db):
    code = valid_citizen_id()
    first = issue_person_license(holder_code=code)
    latest = update_license(license=first.license, changes={"face": {"points": 2}}, reason="记分")
    index = license_index_for_holder(code)
    assert index == [
        {
            "type_code": first.license.license_type.code,
            "status": "valid",
            "identifier": latest.identifier,
            "expires_on": None,
        }
    ]


def test_the_index_reports_status_as_of_the_given_day(db):
    code = valid_citizen_id()
    issuer = issuer_with_key()
    license_type = person_license_type(issuers=[issuer])
    expiring = issue_person_license(
        issuer=issuer, license_type=license_type, holder_code=code, valid_until=date(2026, 6, 30)
    )
    revoked = issue_person_license(issuer=issuer, license_type=license_type, holder_code=code)
    revoke_license(license=revoked.license, reason="吊销")
    statuses = {
        row["identifier"]: row["status"] for row in license_index_for_holder(code, on=date(2026, 7, 1))
    }
    assert statuses == {expiring.identifier: "expired", revoked.identifier: "revoked"}


def test_the_index_of_someone_without_licenses_is_empty(db):
    assert license_index_for_holder(valid_citizen_id()) == []


def test_the_command_prints_the_report_as_json(db, capsys):
    version = issue_person_license()
    call_command("verify_license", version.identifier, "--holder", version.license.holder_code, "--json")
    report = json.loads(capsys.readouterr().out)
    assert (
        report["result"] == "valid"
        and {"name": "holder_matches", "ok": True, "message": "持证主体一致"} in report["checks"]
    )


def test_the_command_exits_non_zero_for_a_failed_verification(db, capsys):
    version = issue_person_license()
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_license", version.identifier, "--holder", valid_citizen_id())
    assert exit_info.value.code == 1 and "信息不一致" in capsys.readouterr().out
