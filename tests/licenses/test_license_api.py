"""The authenticated license API: issuers issue, update and change status of their own licenses;
holders list their own; nobody else gets in."""

import pytest

from accounts.roles import APPLICANT, ISSUER
from licenses.models import ELicense, LicenseStatus, StatusAction
from tests.factories import UserFactory, valid_citizen_id

from .helpers import issue_person_license, issuer_with_key, person_license_type


@pytest.fixture
def officer(db):
    issuer = issuer_with_key("sm2-sm3")
    person_license_type(issuers=[issuer])
    return UserFactory(roles=[ISSUER], is_staff=True, department=issuer)


def issue_payload(officer, **extra):
    license_type = officer.department.issued_license_types.get()
    return {
        "type_code": license_type.code,
        "holder_code": valid_citizen_id(),
        "holder_name": "张三",
        "face": {"vehicle_class": "C1", "first_issue_date": "2015-06-01", "points": 0},
        **extra,
    }


def test_an_issuer_issues_a_license_through_the_api(client, officer):
    client.force_login(officer)
    response = client.post("/api/v1/licenses/", issue_payload(officer), content_type="application/json")
    body = response.json()
    assert response.status_code == 201 and body["status"] == "valid" and body["holder_name"] == "张*"
    assert ELicense.objects.get().history.get().actor == officer


def test_invalid_face_data_is_a_problem_detail_naming_the_field(client, officer):
    client.force_login(officer)
    response = client.post(
        "/api/v1/licenses/",
        issue_payload(officer, face={"vehicle_class": "Z9"}),
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert {"name": "face.vehicle_class", "reason": "准驾车型：应为以下之一：A1、C1"} in body[
        "invalid-params"
    ]


def test_an_applicant_cannot_issue(client, officer):
    client.force_login(UserFactory(roles=[APPLICANT], holder_code=valid_citizen_id(), holder_code_type="111"))
    assert (
        client.post("/api/v1/licenses/", issue_payload(officer), content_type="application/json").status_code
        == 403
    )


def test_an_issuer_revokes_with_a_reason(client, officer):
    lic = issue_person_license(
        issuer=officer.department, license_type=officer.department.issued_license_types.get()
    ).license
    client.force_login(officer)
    response = client.post(
        f"/api/v1/licenses/{lic.pk}/status/",
        {"action": "revoke", "reason": "吊销"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "revoked"
    assert lic.history.filter(action=StatusAction.REVOKED, actor=officer).exists()


def test_an_issuer_cannot_touch_another_departments_license(client, officer):
    other = issue_person_license()
    client.force_login(officer)
    response = client.post(
        f"/api/v1/licenses/{other.license_id}/status/",
        {"action": "revoke", "reason": "越权"},
        content_type="application/json",
    )
    assert (
        response.status_code == 404
        and ELicense.objects.get(pk=other.license_id).status == LicenseStatus.VALID
    )


def test_an_update_through_the_api_returns_the_new_version(client, officer):
    lic = issue_person_license(
        issuer=officer.department, license_type=officer.department.issued_license_types.get()
    ).license
    client.force_login(officer)
    response = client.post(
        f"/api/v1/licenses/{lic.pk}/versions/",
        {"face": {"points": 6}, "reason": "记分"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["version"] == 2


def test_the_issuer_list_masks_holders(client, officer):
    version = issue_person_license(
        issuer=officer.department, license_type=officer.department.issued_license_types.get()
    )
    client.force_login(officer)
    row = client.get("/api/v1/licenses/").json()["results"][0]
    assert row["identifier"] == version.identifier and row["holder_code"] != version.license.holder_code


def test_a_holder_lists_only_their_own_licenses_unmasked(client, db):
    code = valid_citizen_id()
    mine = issue_person_license(holder_code=code)
    issue_person_license()
    client.force_login(UserFactory(roles=[APPLICANT], holder_code=code, holder_code_type="111"))
    rows = client.get("/api/v1/me/licenses/").json()["results"]
    assert [(r["identifier"], r["holder_code"]) for r in rows] == [(mine.identifier, code)]


def test_anonymous_callers_cannot_list_licenses(client, db):
    assert client.get("/api/v1/licenses/").status_code in (401, 403)
    assert client.get("/api/v1/me/licenses/").status_code in (401, 403)
