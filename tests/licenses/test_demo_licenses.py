"""The demo licenses: idempotent, the statuses the demo needs, and a foreign license outside the trust list."""

import pytest

from catalogs.models import MaterialMode, ServiceItem
from licenses import demo
from licenses.models import ELicense, LicenseStatus, LicenseVersion, SealKey
from licenses.selectors import license_index_for_holder
from licenses.verification import verify_license


@pytest.fixture
def demo_licenses(demo_catalog):
    return demo.load()


def demo_user_holder_code(username: str) -> str:
    from accounts import demo as accounts_demo

    return next(holder() for name, *_rest, holder, _staff in accounts_demo.DEMO_USERS if name == username)


def test_loading_the_demo_twice_gives_the_same_result(demo_licenses):
    again = demo.load()
    assert (
        again["created"] == 0
        and again["licenses"] == demo_licenses["licenses"]
        and again["keys"] == demo_licenses["keys"]
    )


def test_every_issuing_department_has_a_trusted_key(demo_licenses):
    from catalogs.models import Department

    issuing = Department.objects.filter(issued_license_types__isnull=False).distinct()
    assert all(SealKey.objects.filter(department=d, trusted=True).exists() for d in issuing)
    assert set(SealKey.objects.values_list("algorithm", flat=True)) == {"sm2-sm3", "ecdsa-p256-sha256"}


def test_there_is_one_revoked_one_expired_and_one_suspended_license(demo_licenses):
    statuses = list(ELicense.objects.exclude(status=LicenseStatus.VALID).values_list("status", flat=True))
    assert sorted(statuses) == ["expired", "revoked", "suspended"]


def test_the_demo_users_hold_licenses(demo_licenses):
    types = {row["type_code"] for row in license_index_for_holder(demo_user_holder_code("zhangsan"))}
    assert len(types) >= 5 and license_index_for_holder(demo_user_holder_code("lisi"))
    assert [row["status"] for row in license_index_for_holder(demo_user_holder_code("qiye"))] == [
        "valid",
        "valid",
    ]


def test_at_least_six_citizens_and_three_enterprises_hold_licenses(demo_licenses):
    holders = set(ELicense.objects.values_list("holder_code_type", "holder_code"))
    assert (
        sum(1 for kind, _ in holders if kind == "111") >= 6
        and sum(1 for kind, _ in holders if kind == "001") == 3
    )


def test_every_required_auto_license_of_the_demo_items_is_held_by_someone(demo_licenses):
    held = set(ELicense.objects.values_list("license_type_id", flat=True))
    needed = {
        m.license_type_id
        for item in ServiceItem.objects.published()
        for m in item.materials.all()
        if m.license_type_id and m.required and m.default_mode == MaterialMode.AUTO
    }
    assert needed <= held


def test_every_demo_license_verifies_except_the_three_by_status_and_the_foreign_one(demo_licenses):
    results = {
        verify_license(identifier=v.identifier).result for v in LicenseVersion.objects.filter(is_current=True)
    }
    assert results == {"valid", "revoked-or-cancelled", "suspended", "expired", "untrusted-seal"}


def test_the_gansu_license_is_sealed_by_a_key_outside_the_trust_list(demo_licenses):
    version = LicenseVersion.objects.get(license__issuer__name="甘肃省公安厅")
    report = verify_license(identifier=version.identifier)
    assert (report.result, [c.name for c in report.checks if not c.ok]) == (
        "untrusted-seal",
        ["seal_key_trusted"],
    )
