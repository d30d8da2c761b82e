"""Public verification by QR code: minimal disclosure without the code, masking with it, rate limits."""

import re

import pytest
from django.urls import reverse

from licenses.selectors import verification_url
from licenses.services import revoke_license

from .helpers import issue_person_license

HOLDER = "630102199001011234"


@pytest.fixture
def license_version(db):
    from tests.factories import valid_citizen_id

    return issue_person_license(holder_code=valid_citizen_id("630102", "19900101"), holder_name="张小三")


def api_url(version, code=None):
    url = reverse("licenses-api:verify", args=[version.identifier])
    return f"{url}?c={code}" if code is not None else url


def test_the_verification_url_carries_the_identifier_and_the_code(license_version):
    assert (
        verification_url(license_version)
        == f"/verify/{license_version.identifier}?c={license_version.verification_code}"
    )


def test_without_the_code_the_api_discloses_nothing_about_the_license(client, license_version):
    body = client.get(api_url(license_version)).json()
    assert body == {"identifier": license_version.identifier, "valid": None, "code_accepted": False}


def test_with_a_wrong_code_the_api_discloses_no_holder_data(client, license_version):
    response = client.get(api_url(license_version, "WRONGCODE2"))
    text = response.content.decode()
    assert response.json()["code_accepted"] is False
    assert license_version.license.holder_code[-4:] not in text and "张" not in text


def test_with_the_code_the_api_shows_type_issuer_masked_holder_and_validity(client, license_version):
    body = client.get(api_url(license_version, license_version.verification_code)).json()
    code = license_version.license.holder_code
    assert body["holder_name"] == "张*三"
    assert body["holder_code"] == code[:6] + "********" + code[-4:]
    assert (body["license_type"], body["issuer"], body["result"], body["long_term"]) == (
        license_version.name,
        license_version.issuer_name,
        "valid",
        True,
    )
    assert "face" not in body and code not in response_text(body)


def response_text(body: dict) -> str:
    import json

    return json.dumps(body, ensure_ascii=False)


def test_a_revoked_license_is_invalid_for_callers_with_the_code(client, license_version):
    revoke_license(license=license_version.license, reason="吊销")
    assert client.get(api_url(license_version, license_version.verification_code)).json()["valid"] is False


def test_without_the_code_valid_revoked_and_unknown_identifiers_get_the_same_answer(client, license_version):
    """Identifiers are sequential: answering "valid" vs "not found" without the code would let anyone
    enumerate which numbers exist and are in force."""
    other = issue_person_license(
        issuer=license_version.license.issuer, license_type=license_version.license.license_type
    )
    revoke_license(license=other.license, reason="吊销")
    unknown = license_version.identifier.replace(".00000001.", ".00000099.")
    answers = []
    for identifier in (license_version.identifier, other.identifier, unknown, "1.2.156.3005.2.nothing"):
        body = client.get(f"/api/v1/verify/{identifier}").json()
        answers.append({key: value for key, value in body.items() if key != "identifier"})
        page = client.get(f"/verify/{identifier}").content.decode().replace(identifier, "…")
        answers.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page))
    assert answers[0::2] == [{"valid": None, "code_accepted": False}] * 4
    assert len(set(answers[1::2])) == 1


def test_200_rapid_calls_from_one_address_are_throttled(client, license_version):
    statuses = [
        client.get(api_url(license_version), REMOTE_ADDR="203.0.113.7").status_code for _ in range(200)
    ]
    assert statuses[:60] == [200] * 60
    assert statuses[60:] == [429] * 140


def test_the_throttle_is_counted_per_client_address(client, license_version):
    for _ in range(60):
        client.get(api_url(license_version), REMOTE_ADDR="203.0.113.7")
    assert client.get(api_url(license_version), REMOTE_ADDR="203.0.113.7").status_code == 429
    assert client.get(api_url(license_version), REMOTE_ADDR="198.51.100.9").status_code == 200


def test_a_throttled_api_call_is_a_problem_detail_with_retry_after(client, license_version):
    for _ in range(60):
        client.get(api_url(license_version))
    response = client.get(api_url(license_version))
    assert response.status_code == 429 and response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) > 0


def test_the_page_with_the_code_shows_the_masked_holder_in_chinese(client, license_version):
    response = client.get(verification_url(license_version))
    text = response.content.decode()
    assert response.status_code == 200
    assert "✓ 有效" in text and "张*三" in text and license_version.license.holder_code not in text


def test_the_page_without_the_code_shows_neither_holder_nor_validity(client, license_version):
    text = client.get(f"/verify/{license_version.identifier}").content.decode()
    assert (
        "需要核验码" in text and "✓ 有效" not in text and "*三" not in text and "未提供正确的核验码" in text
    )


def test_the_page_is_rate_limited_per_address_too(client, license_version):
    statuses = [
        client.get(f"/verify/{license_version.identifier}", REMOTE_ADDR="203.0.113.8").status_code
        for _ in range(61)
    ]
    assert statuses[-1] == 429 and statuses[:60] == [200] * 60


def test_the_trust_list_lists_trusted_keys_only(client, db):
    from licenses.sealing import create_seal_key
    from tests.factories import DepartmentFactory

    trusted = create_seal_key(department=DepartmentFactory(), algorithm="sm2-sm3")
    create_seal_key(department=DepartmentFactory(), trusted=False)
    response = client.get(reverse("licenses-api:trust-list"))
    keys = response.json()["keys"]
    assert response["Content-Disposition"] == "attachment; filename=trust-list.json"
    assert [(k["key_id"], k["algorithm"]) for k in keys] == [(trusted.key_id, "sm2-sm3")]
    assert (
        keys[0]["public_key"].startswith("-----BEGIN PUBLIC KEY-----")
        and "private" not in response.content.decode().lower()
    )
