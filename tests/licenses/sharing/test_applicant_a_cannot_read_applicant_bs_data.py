"""Applicant A cannot read applicant B's licenses, consents or access history through any page or API."""

import pytest

from accounts.roles import APPLICANT
from licenses import gateway
from tests.factories import UserFactory, valid_citizen_id

from .conftest import PURPOSE, basis, consent_terms, grant


@pytest.fixture
def b_world(world):
    """``world.holder`` is B (张三, with a license, a consent and a read of it); A is another applicant."""
    consent = grant(world)
    gateway.retrieve(identifier=world.identifier, fields=["name"], basis=basis(consent), user=world.handler)
    world.consent = consent
    world.a = UserFactory(
        roles=[APPLICANT], holder_code=valid_citizen_id(), holder_code_type="111", real_name="李四"
    )
    return world


def test_a_does_not_see_bs_license_in_the_wallet(client, b_world):
    client.force_login(b_world.a)
    assert b_world.version.verification_code not in client.get("/wallet/").content.decode()


def test_a_does_not_get_bs_license_from_the_licenses_api(client, b_world):
    client.force_login(b_world.a)
    assert client.get("/api/v1/me/licenses/").json()["count"] == 0


def test_a_cannot_use_the_issuer_licenses_api(client, b_world):
    client.force_login(b_world.a)
    assert client.get("/api/v1/licenses/").status_code == 403


def test_a_cannot_open_bs_license_in_the_admin(client, b_world):
    client.force_login(b_world.a)
    response = client.get(f"/admin/licenses/elicense/{b_world.version.license.pk}/change/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_does_not_see_bs_consents_in_the_list_api(client, b_world):
    client.force_login(b_world.a)
    assert client.get("/api/v1/me/consents/").json()["count"] == 0


def test_a_cannot_open_bs_consent_by_reference(client, b_world):
    client.force_login(b_world.a)
    assert client.get(f"/api/v1/me/consents/{b_world.consent.reference}/").status_code == 404


def test_a_cannot_revoke_bs_consent_through_the_api(client, b_world):
    client.force_login(b_world.a)
    assert client.post(f"/api/v1/me/consents/{b_world.consent.reference}/revoke/").status_code == 404
    b_world.consent.refresh_from_db()
    assert b_world.consent.revoked_at is None


def test_a_cannot_revoke_bs_consent_through_the_page(client, b_world):
    client.force_login(b_world.a)
    assert client.post(f"/wallet/consents/{b_world.consent.reference}/revoke/").status_code == 404


def test_a_does_not_see_bs_consents_on_the_consents_page(client, b_world):
    client.force_login(b_world.a)
    assert PURPOSE not in client.get("/wallet/consents/").content.decode()


def test_a_does_not_see_bs_access_history_on_the_page(client, b_world):
    client.force_login(b_world.a)
    text = client.get("/wallet/access-log/").content.decode()
    assert "暂无读取记录" in text and PURPOSE not in text


def test_a_does_not_get_bs_access_history_from_the_api(client, b_world):
    client.force_login(b_world.a)
    assert client.get("/api/v1/me/access-log/").json()["count"] == 0


def test_a_cannot_use_the_gateway_api(client, b_world):
    client.force_login(b_world.a)
    response = client.post(
        "/api/v1/gateway/retrieve/",
        {
            "identifier": b_world.identifier,
            "fields": ["name"],
            "purpose": "看看",
            "consent": str(b_world.consent.reference),
        },
        content_type="application/json",
    )
    assert response.status_code == 403 and "document" not in response.json()


def test_a_cannot_see_the_consents_granted_to_a_department(client, b_world):
    client.force_login(b_world.a)
    assert client.get("/api/v1/consents/").json()["count"] == 0


def test_a_signed_in_session_is_not_a_partner_node_for_the_registry_api(client, b_world, partner):
    client.force_login(b_world.a)
    response = client.post(
        "/api/v1/registry/retrieve/",
        {
            "identifier": b_world.identifier,
            "fields": ["name"],
            "purpose": "看看",
            "consent": consent_terms(b_world),
        },
        content_type="application/json",
    )
    assert response.status_code in (401, 403) and "document" not in response.json()


def test_b_sees_the_read_on_their_own_page(client, b_world):
    client.force_login(b_world.holder)
    text = client.get("/wallet/access-log/").content.decode()
    assert "城东区民政局 · 马晓梅" in text and PURPOSE in text and "QH-2026-000001" in text
