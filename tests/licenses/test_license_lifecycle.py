"""Update (new version, old superseded), suspend/restore, revoke, cancel, and the expiry job."""

from datetime import date

import pytest
import time_machine
from django.core.management import call_command

from licenses.errors import IllegalTransition, NotIssuerOfLicense
from licenses.models import ELicense, LicenseStatus, LicenseVersion, StatusAction
from licenses.services import (
    cancel_license,
    expire_due_licenses,
    restore_license,
    revoke_license,
    suspend_license,
    update_license,
)
from licenses.tasks import expire_licenses_task
from tests.factories import DepartmentFactory, UserFactory

from .helpers import issue_person_license, issuer_with_key, person_license_type


def test_an_update_issues_a_new_version_and_supersedes_the_old_one(db):
    first = issue_person_license()
    second = update_license(license=first.license, changes={"face": {"vehicle_class": "A1"}}, reason="增驾")
    first.refresh_from_db()
    assert (second.version, second.identifier.split(".")[-2], second.face["vehicle_class"]) == (
        2,
        "002",
        "A1",
    )
    assert (first.is_current, first.face["vehicle_class"]) == (False, "C1")
    assert first.superseded_at is not None


def test_an_update_keeps_one_current_version(db):
    first = issue_person_license()
    update_license(license=first.license, changes={"holder_name": "张三丰"}, reason="姓名变更")
    assert LicenseVersion.objects.filter(license=first.license, is_current=True).count() == 1


def test_an_update_needs_a_reason(db):
    version = issue_person_license()
    with pytest.raises(IllegalTransition, match="须填写原因"):
        update_license(license=version.license, changes={"holder_name": "张三丰"}, reason=" ")


def test_a_revoked_license_cannot_be_updated(db):
    version = issue_person_license()
    revoke_license(license=version.license, reason="违法")
    with pytest.raises(IllegalTransition, match="不能变更"):
        update_license(license=version.license, changes={"holder_name": "张三丰"}, reason="更正")


def test_suspend_then_restore_returns_the_license_to_valid_with_both_steps_in_the_history(db):
    issuer = issuer_with_key()
    officer = UserFactory(department=issuer)
    lic = issue_person_license(issuer=issuer).license
    suspend_license(license=lic, actor=officer, reason="交通违法记满12分")
    restore_license(license=lic, actor=officer, reason="学习考试合格")
    lic.refresh_from_db()
    steps = list(lic.history.values_list("action", "from_status", "to_status", "reason"))
    assert lic.status == LicenseStatus.VALID
    assert steps[1:] == [
        (StatusAction.SUSPENDED, "valid", "suspended", "交通违法记满12分"),
        (StatusAction.RESTORED, "suspended", "valid", "学习考试合格"),
    ]


def test_a_revoked_license_cannot_be_restored(db):
    lic = issue_person_license().license
    revoke_license(license=lic, reason="吊销")
    with pytest.raises(IllegalTransition, match="不能恢复"):
        restore_license(license=lic, reason="复议")


def test_cancelling_records_the_reason(db):
    lic = issue_person_license().license
    cancel_license(license=lic, reason="持证人死亡")
    assert (
        lic.history.last().reason == "持证人死亡"
        and ELicense.objects.get(pk=lic.pk).status == LicenseStatus.CANCELLED
    )


def test_another_departments_officer_cannot_revoke(db):
    lic = issue_person_license().license
    with pytest.raises(NotIssuerOfLicense):
        revoke_license(license=lic, actor=UserFactory(department=DepartmentFactory()), reason="越权")


def test_the_expiry_job_marks_only_licenses_past_their_end_date(db):
    issuer = issuer_with_key()
    license_type = person_license_type(issuers=[issuer])
    due = issue_person_license(
        issuer=issuer,
        license_type=license_type,
        valid_from=date(2020, 1, 1),
        valid_until=date(2026, 1, 31),
        issue_date=date(2020, 1, 1),
    )
    current = issue_person_license(issuer=issuer, license_type=license_type, valid_until=date(2026, 12, 31))
    assert expire_due_licenses(today=date(2026, 2, 1)) == 1
    assert ELicense.objects.get(pk=due.license_id).status == LicenseStatus.EXPIRED
    assert ELicense.objects.get(pk=current.license_id).status == LicenseStatus.VALID


def test_the_expiry_job_is_idempotent(db):
    issue_person_license(
        valid_from=date(2020, 1, 1), valid_until=date(2021, 1, 1), issue_date=date(2020, 1, 1)
    )
    assert expire_due_licenses(today=date(2026, 2, 1)) == 1
    assert expire_due_licenses(today=date(2026, 2, 1)) == 0


def test_the_expiry_celery_task_and_command_run_the_same_job(db):
    issue_person_license(
        valid_from=date(2020, 1, 1), valid_until=date(2021, 1, 1), issue_date=date(2020, 1, 1)
    )
    issue_person_license(
        valid_from=date(2020, 1, 1), valid_until=date(2021, 1, 1), issue_date=date(2020, 1, 1)
    )
    with time_machine.travel(date(2026, 3, 1)):
        first = expire_licenses_task.delay().get()
        issue_person_license(
            valid_from=date(2020, 1, 1), valid_until=date(2021, 1, 1), issue_date=date(2020, 1, 1)
        )
        call_command("expire_licenses")
    assert first == 2
    assert ELicense.objects.filter(status=LicenseStatus.EXPIRED).count() == 3


def test_an_update_that_clears_the_end_date_makes_the_license_long_term(db):
    issuer = issuer_with_key()
    first = issue_person_license(
        issuer=issuer, license_type=person_license_type(issuers=[issuer], validity_years=6)
    )
    second = update_license(license=first.license, changes={"valid_until": None}, reason="改为长期有效")
    assert (first.valid_until is not None, second.valid_until) == (True, None)


def test_an_update_keeps_the_end_date_unless_changed(db):
    issuer = issuer_with_key()
    first = issue_person_license(
        issuer=issuer, license_type=person_license_type(issuers=[issuer], validity_years=6)
    )
    second = update_license(license=first.license, changes={"holder_name": "张三丰"}, reason="姓名变更")
    assert second.valid_until == first.valid_until
