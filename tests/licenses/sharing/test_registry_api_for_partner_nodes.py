"""The registry API partner nodes call: their own credentials, the consent terms and a purpose on
every call, minimised answers sealed by the issuer's key, and the node's consent is its own."""

import uuid

from django.utils import timezone

from licenses.models import Consent, PartnerNode
from licenses.registry.authentication import hash_token
from licenses.sealing import verify_payload

from .conftest import NODE_TOKEN, PURPOSE, consent_terms, node_headers


def _retrieve(client, world, *, terms=None, fields=("name",), headers=None, **extra):
    body = {
        "identifier": world.identifier,
        "fields": list(fields),
        "purpose": PURPOSE,
        "consent": terms or consent_terms(world),
        **extra,
    }
    return client.post(
        "/api/v1/registry/retrieve/",
        body,
        content_type="application/json",
        **(node_headers() if headers is None else headers),
    )


def test_a_call_without_node_credentials_is_refused(client, world, partner):
    assert _retrieve(client, world, headers={}).status_code in (401, 403)


def test_a_call_with_a_wrong_token_is_refused(client, world, partner):
    response = _retrieve(client, world, headers={"HTTP_AUTHORIZATION": "Node gs wrong-token"})
    assert response.status_code == 401 and "凭据无效" in response.json()["title"]


def test_a_disabled_node_is_refused(client, world, partner):
    PartnerNode.objects.filter(pk=partner.pk).update(enabled=False)
    assert _retrieve(client, world).status_code == 401


def test_the_token_is_stored_only_as_a_hash(partner):
    assert partner.inbound_token_hash == hash_token(NODE_TOKEN) and NODE_TOKEN not in str(
        PartnerNode.objects.values().get()
    )


def test_a_call_without_consent_is_refused(client, world, partner):
    response = client.post(
        "/api/v1/registry/retrieve/",
        {"identifier": world.identifier, "fields": ["name"], "purpose": PURPOSE},
        content_type="application/json",
        **node_headers(),
    )
    assert response.status_code == 400 and any(
        p["name"] == "consent" for p in response.json()["invalid-params"]
    )


def test_a_call_without_purpose_is_refused(client, world, partner):
    response = client.post(
        "/api/v1/registry/retrieve/",
        {"identifier": world.identifier, "fields": ["name"], "consent": consent_terms(world)},
        content_type="application/json",
        **node_headers(),
    )
    assert response.status_code == 400


def test_the_answer_is_minimised_and_sealed_by_the_issuers_key(client, world, partner):
    body = _retrieve(
        client,
        world,
        fields=("name", "vehicle_class"),
        terms=consent_terms(world, fields=("name", "vehicle_class")),
    ).json()
    document = body["document"]
    assert document["face"] == {"name": "张三", "vehicle_class": "C1"}
    assert (
        document["disclosed_fields"] == ["name", "vehicle_class"]
        and document["verification_result"] == "valid"
    )
    assert document["license_seal"]["signature"] == world.version.seal_signature
    check = verify_payload(payload=document, seal=body["seal"])
    assert check.ok and body["seal"]["issuer_uscc"] == world.issuer.uscc


def test_fields_beyond_the_consent_terms_are_refused(client, world, partner):
    response = _retrieve(client, world, fields=("name", "points"))
    assert response.status_code == 403 and "points" in response.json()["title"]


def test_the_same_reference_cannot_come_back_with_wider_terms(client, world, partner):
    reference = uuid.uuid4()
    assert _retrieve(client, world, terms=consent_terms(world, reference=reference)).status_code == 200
    wider = consent_terms(world, reference=reference, fields=("name", "vehicle_class"))
    response = _retrieve(client, world, terms=wider, fields=("name", "vehicle_class"))
    assert response.status_code == 400 and "不一致" in response.json()["title"]


def test_a_revoked_consent_is_refused_even_when_its_terms_are_sent_again(client, world, partner):
    terms = consent_terms(world)
    assert _retrieve(client, world, terms=terms).status_code == 200
    revoke = client.post(
        f"/api/v1/registry/consents/{terms['reference']}/revoke/",
        {"reason": "持证人撤回"},
        content_type="application/json",
        **node_headers(),
    )
    assert revoke.status_code == 200
    response = _retrieve(client, world, terms=terms)
    assert response.status_code == 403 and "撤回" in response.json()["title"]


def test_a_node_cannot_revoke_or_use_another_nodes_consent(client, world, partner):
    other = PartnerNode.objects.create(
        code="sc",
        name="四川",
        base_url="http://127.0.0.1:9/",
        region_codes=["510000"],
        inbound_token_hash=hash_token("other-token"),
    )
    terms = consent_terms(world)
    _retrieve(client, world, terms=terms)
    response = client.post(
        f"/api/v1/registry/consents/{terms['reference']}/revoke/",
        content_type="application/json",
        HTTP_AUTHORIZATION="Node sc other-token",
    )
    assert response.status_code == 404
    assert Consent.objects.get(origin_node=partner).revoked_at is None
    assert Consent.objects.filter(origin_node=other).count() == 0


def test_a_consent_for_another_holder_does_not_open_this_license(client, world, partner):
    terms = {**consent_terms(world), "holder_code": "630102198501010012"}
    response = _retrieve(client, world, terms=terms)
    assert response.status_code == 403 and "持证人" in response.json()["title"]


def test_consent_terms_that_have_already_expired_are_refused(client, world, partner):
    terms = consent_terms(world)
    terms["expires_at"] = (timezone.now() - timezone.timedelta(minutes=1)).isoformat()
    response = _retrieve(client, world, terms=terms)
    assert response.status_code == 400


def test_the_registry_paths_are_in_the_openapi_schema(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in (
        "/api/v1/registry/query/",
        "/api/v1/registry/retrieve/",
        "/api/v1/registry/verify/",
        "/api/v1/gateway/retrieve/",
        "/api/v1/me/consents/",
        "/api/v1/me/access-log/",
    ):
        assert path in schema
    assert "partnerNode" in schema
