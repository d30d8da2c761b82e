"""No read without a consent or a named legal basis: refused, and the refusal is logged."""

from django.contrib.auth.models import Permission

from licenses import gateway
from licenses.models import AccessLogEntry

from .conftest import basis, grant, last_entry


def test_a_read_without_consent_or_legal_basis_is_denied_and_logged(world):
    result = gateway.retrieve(identifier=world.identifier, fields=["name"], basis=basis(), user=world.handler)
    assert result.status == "denied" and "授权" in result.message
    entry = last_entry()
    assert (entry.result, entry.license_identifier, entry.holder_code) == (
        "denied",
        world.identifier,
        world.holder_code,
    )
    assert entry.fields_read == []


def test_a_read_without_a_purpose_is_denied_and_logged(world):
    consent = grant(world)
    result = gateway.retrieve(
        identifier=world.identifier, fields=["name"], basis=basis(consent, purpose=""), user=world.handler
    )
    assert result.status == "denied" and "用证事由" in result.message
    assert last_entry().result == "denied"


def test_a_legal_basis_needs_the_permission_to_cite_it(world):
    result = gateway.retrieve(
        identifier=world.identifier, fields=["name"], basis=basis(legal_basis="pipl-13-3"), user=world.handler
    )
    assert result.status == "denied" and "权限" in result.message


def test_an_unknown_legal_basis_is_denied(world):
    world.handler.user_permissions.add(Permission.objects.get(codename="read_under_legal_basis"))
    result = gateway.retrieve(
        identifier=world.identifier,
        fields=["name"],
        basis=basis(legal_basis="because-i-can"),
        user=type(world.handler).objects.get(pk=world.handler.pk),
    )
    assert result.status == "denied" and "许可清单" in result.message


def test_a_named_legal_basis_with_the_permission_reads_and_is_logged_with_it(world):
    world.handler.user_permissions.add(Permission.objects.get(codename="read_under_legal_basis"))
    handler = type(world.handler).objects.get(pk=world.handler.pk)
    result = gateway.retrieve(
        identifier=world.identifier, fields=["name"], basis=basis(legal_basis="pipl-13-3"), user=handler
    )
    assert result.status == "ok" and result.data["document"]["face"] == {"name": "张三"}
    assert (last_entry().legal_basis, last_entry().result) == ("pipl-13-3", "granted")


def test_the_gateway_api_refuses_without_consent_with_403_and_logs_it(client, world):
    client.force_login(world.handler)
    before = AccessLogEntry.objects.count()
    response = client.post(
        "/api/v1/gateway/retrieve/",
        {"identifier": world.identifier, "fields": ["name"], "purpose": "核对"},
        content_type="application/json",
    )
    assert response.status_code == 403 and response.json()["status"] == "denied"
    assert AccessLogEntry.objects.count() == before + 1
