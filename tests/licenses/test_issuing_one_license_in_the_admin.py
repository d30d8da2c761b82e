"""An issuer issues one license from an admin form (no spreadsheet): the type's face fields as inputs,
the issuing service seals it, errors land on the field they are about."""

import pytest
from django.urls import reverse

from accounts.roles import AUDITOR, ISSUER
from licenses.models import ELicense, LicenseVersion
from tests.factories import UserFactory, valid_citizen_id

from .helpers import issuer_with_key, person_license_type

pytestmark = pytest.mark.django_db
URL = "/admin/licenses/elicense/issue/"


@pytest.fixture
def officer():
    department = issuer_with_key()
    license_type = person_license_type(issuers=[department])
    user = UserFactory(roles=[ISSUER], is_staff=True, department=department)
    return user, license_type


def test_the_form_offers_the_face_fields_of_the_chosen_type(client, officer):
    user, license_type = officer
    client.force_login(user)
    page = client.get(f"{URL}?license_type={license_type.pk}").content.decode()
    assert "准驾车型" in page and 'type="date"' in page and "初次领证日期" in page and "记分" in page
    assert 'name="face_name"' not in page  # the name comes from the holder
    assert "签发电子证照" in client.get(reverse("admin:licenses_elicense_changelist")).content.decode()


def test_an_issuer_issues_one_sealed_license_through_the_service(client, officer):
    user, license_type = officer
    client.force_login(user)
    code = valid_citizen_id()
    response = client.post(
        f"{URL}?license_type={license_type.pk}",
        {
            "holder_name": "王小明",
            "holder_code": code,
            "face_vehicle_class": "C1",
            "face_first_issue_date": "2020-03-01",
            "face_points": "0",
            "issue_date": "2026-11-30",
            "reason": "依申请制发",
        },
    )
    lic = ELicense.objects.get(holder_code=code)
    assert response.status_code == 302 and response["Location"].endswith(f"/{lic.pk}/change/")
    version = LicenseVersion.objects.get(license=lic)
    assert (
        version.face["vehicle_class"] == "C1"
        and version.face["name"] == "王小明"
        and version.issued_by == user
    )
    assert version.seal_signature and lic.issuer == user.department
    change = client.get(response["Location"]).content.decode()
    assert f"/verify/{version.identifier}?c={version.verification_code}" in change and "<svg" in change


def test_a_wrong_holder_code_is_shown_on_its_field_and_nothing_is_issued(client, officer):
    user, license_type = officer
    client.force_login(user)
    response = client.post(
        f"{URL}?license_type={license_type.pk}",
        {
            "holder_name": "王小明",
            "holder_code": "630102199001011230",
            "face_vehicle_class": "C1",
            "face_first_issue_date": "2020-03-01",
            "face_points": "0",
            "issue_date": "2026-11-30",
            "reason": "依申请制发",
        },
    )
    form = response.context["form"]
    assert response.status_code == 200 and "holder_code" in form.errors
    assert not ELicense.objects.exists()


def test_only_issuing_staff_may_open_the_form(client, officer):
    client.force_login(UserFactory(roles=[AUDITOR], is_staff=True))
    assert client.get(URL).status_code == 403


def test_the_license_list_shows_the_masked_holder_and_finds_by_holder(client, officer):
    from .helpers import issue_person_license

    user, license_type = officer
    code = valid_citizen_id()
    issue_person_license(
        issuer=user.department, license_type=license_type, holder_code=code, holder_name="欧阳小明"
    )
    client.force_login(user)
    changelist = reverse("admin:licenses_elicense_changelist")
    page = client.get(changelist).content.decode()
    assert "欧**明" in page and "欧阳小明" not in page
    assert "欧**明" in client.get(changelist, {"q": "欧阳小明"}).content.decode()
    assert "欧**明" in client.get(changelist, {"q": code}).content.decode()
    assert "欧**明" not in client.get(changelist, {"q": "李四"}).content.decode()


def test_the_status_history_names_its_entries_in_beijing_time():
    from datetime import UTC, datetime

    from licenses.models import StatusChange

    change = StatusChange(action="issued", at=datetime(2026, 12, 1, 21, 56, tzinfo=UTC))
    assert str(change).endswith("2026-12-02 05:56")
