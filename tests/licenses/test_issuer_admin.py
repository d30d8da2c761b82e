"""Admin: an issuer manages only their own department's licenses and keys; imports go through the service."""

import csv

import pytest
from django.urls import reverse

from accounts.roles import AUDITOR, ISSUER
from licenses.models import ELicense, LicenseStatus, StatusAction
from tests.factories import UserFactory, valid_citizen_id

from .helpers import issue_person_license, issuer_with_key, person_license_type


@pytest.fixture
def two_issuers(db):
    own, other = issuer_with_key(), issuer_with_key()
    mine = issue_person_license(issuer=own)
    theirs = issue_person_license(issuer=other)
    officer = UserFactory(roles=[ISSUER], is_staff=True, department=own)
    return officer, mine, theirs


def test_an_issuer_sees_only_their_departments_licenses(client, two_issuers):
    officer, mine, theirs = two_issuers
    client.force_login(officer)
    changelist = client.get(reverse("admin:licenses_elicense_changelist")).content.decode()
    assert f"/{mine.license_id}/change/" in changelist and f"/{theirs.license_id}/change/" not in changelist
    assert client.get(reverse("admin:licenses_elicense_change", args=[theirs.license_id])).status_code == 302


def test_an_issuer_sees_only_their_departments_keys(client, two_issuers):
    officer, mine, theirs = two_issuers
    client.force_login(officer)
    text = client.get(reverse("admin:licenses_sealkey_changelist")).content.decode()
    assert mine.seal_key.key_id in text and theirs.seal_key.key_id not in text


def test_an_auditor_sees_every_license_but_cannot_change_status(client, two_issuers):
    _officer, mine, theirs = two_issuers
    client.force_login(UserFactory(roles=[AUDITOR], is_staff=True))
    text = client.get(reverse("admin:licenses_elicense_changelist")).content.decode()
    assert f"/{mine.license_id}/change/" in text and f"/{theirs.license_id}/change/" in text
    assert "action_revoked" not in text


def test_revoking_from_the_admin_asks_for_a_reason_and_records_it(client, two_issuers):
    officer, mine, _ = two_issuers
    client.force_login(officer)
    url = reverse("admin:licenses_elicense_changelist")
    confirm = client.post(url, {"action": "action_revoked", "_selected_action": [mine.license_id]})
    assert "原因" in confirm.content.decode()
    client.post(
        url,
        {
            "action": "action_revoked",
            "_selected_action": [mine.license_id],
            "apply": "1",
            "reason": "以欺骗手段取得",
        },
    )
    lic = ELicense.objects.get(pk=mine.license_id)
    assert lic.status == LicenseStatus.REVOKED
    assert lic.history.filter(action=StatusAction.REVOKED, actor=officer, reason="以欺骗手段取得").exists()


def test_the_admin_import_seals_the_rows_for_the_issuers_department(client, db, tmp_path):
    issuer = issuer_with_key()
    license_type = person_license_type(issuers=[issuer])
    officer = UserFactory(roles=[ISSUER], is_staff=True, department=issuer)
    path = tmp_path / "import.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["证照类型代码", "持证主体", "持证主体代码", "准驾车型", "初次领证日期", "记分"])
        writer.writerow([license_type.code, "赵六", valid_citizen_id(), "C1", "2012-01-01", "0"])
    client.force_login(officer)
    with open(path, "rb") as upload:
        preview = client.post(reverse("admin:licenses_elicense_import"), {"file": upload, "dry_run": "on"})
    assert preview.status_code == 200 and ELicense.objects.count() == 0
    assert "试导入通过：1 行均可签发" in preview.content.decode()
    with open(path, "rb") as upload:
        assert client.post(reverse("admin:licenses_elicense_import"), {"file": upload}).status_code == 302
    lic = ELicense.objects.get()
    assert (lic.issuer, lic.history.get().action, lic.history.get().actor) == (
        issuer,
        StatusAction.IMPORTED,
        officer,
    )
