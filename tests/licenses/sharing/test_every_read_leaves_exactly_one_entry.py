"""Every read of a license — wallet, APIs, admin, public verification with the code, gateway, the
registry API partner nodes call, the command line — appends exactly one access-log entry per license
read (refused reads included), and the chain stays intact."""

import pytest
from django.core.management import call_command

from accounts.roles import ISSUER
from licenses import gateway
from licenses.audit import verify_chain
from licenses.models import AccessLogEntry
from tests.factories import UserFactory

from .conftest import PURPOSE, basis, consent_terms, grant, node_headers


def _wallet(client, world):
    client.force_login(world.holder)
    assert client.get("/wallet/").status_code == 200


def _my_licenses_api(client, world):
    client.force_login(world.holder)
    assert client.get("/api/v1/me/licenses/").json()["count"] == 1


def _issuer_list_api(client, world):
    client.force_login(UserFactory(roles=[ISSUER], is_staff=True, department=world.issuer))
    assert client.get("/api/v1/licenses/").json()["count"] == 1


def _admin_change_view(client, world):
    client.force_login(UserFactory(roles=[ISSUER], is_staff=True, department=world.issuer))
    assert client.get(f"/admin/licenses/elicense/{world.version.license.pk}/change/").status_code == 200


def _public_page_with_code(client, world):
    assert (
        "张*"
        in client.get(f"/verify/{world.identifier}?c={world.version.verification_code}").content.decode()
    )


def _public_api_with_code(client, world):
    assert client.get(f"/api/v1/verify/{world.identifier}?c={world.version.verification_code}").json()[
        "code_accepted"
    ]


def _gateway_retrieve(client, world):
    assert gateway.retrieve(
        identifier=world.identifier, fields=["name"], basis=basis(grant(world)), user=world.handler
    ).ok


def _gateway_denied(client, world):
    assert (
        gateway.retrieve(
            identifier=world.identifier, fields=["name"], basis=basis(), user=world.handler
        ).status
        == "denied"
    )


def _gateway_verify(client, world):
    assert gateway.verify(identifier=world.identifier, basis=basis(grant(world)), user=world.handler).ok


def _gateway_query(client, world):
    result = gateway.query(
        holder_code=world.holder_code,
        type_code=world.type_code,
        basis=basis(grant(world)),
        user=world.handler,
    )
    assert len(result.data["licenses"]) == 1


def _registry_retrieve(client, world):
    response = client.post(
        "/api/v1/registry/retrieve/",
        {
            "identifier": world.identifier,
            "fields": ["name"],
            "purpose": PURPOSE,
            "consent": consent_terms(world),
        },
        content_type="application/json",
        **node_headers(),
    )
    assert response.status_code == 200


def _registry_verify(client, world):
    response = client.post(
        "/api/v1/registry/verify/",
        {"identifier": world.identifier, "purpose": PURPOSE, "consent": consent_terms(world)},
        content_type="application/json",
        **node_headers(),
    )
    assert response.status_code == 200


def _registry_query(client, world):
    response = client.post(
        "/api/v1/registry/query/",
        {
            "holder_code": world.holder_code,
            "type_code": world.type_code,
            "purpose": PURPOSE,
            "consent": consent_terms(world),
        },
        content_type="application/json",
        **node_headers(),
    )
    assert len(response.json()["licenses"]) == 1


def _command(client, world):
    call_command("verify_license", world.identifier, "--json")


READS = [
    _wallet,
    _my_licenses_api,
    _issuer_list_api,
    _admin_change_view,
    _public_page_with_code,
    _public_api_with_code,
    _gateway_retrieve,
    _gateway_denied,
    _gateway_verify,
    _gateway_query,
    _registry_retrieve,
    _registry_verify,
    _registry_query,
    _command,
]


@pytest.mark.parametrize("read", READS, ids=[r.__name__.strip("_") for r in READS])
def test_one_read_of_one_license_leaves_exactly_one_entry(read, client, world, partner, capsys):
    before = AccessLogEntry.objects.count()
    read(client, world)
    entries = list(AccessLogEntry.objects.order_by("seq")[before:])
    assert len(entries) == 1
    assert entries[0].license_identifier == world.identifier and entries[0].holder_code == world.holder_code
    assert verify_chain()[1] is None


def test_public_verification_without_the_code_discloses_nothing_and_is_not_a_read(client, world):
    before = AccessLogEntry.objects.count()
    assert client.get(f"/api/v1/verify/{world.identifier}").json() == {
        "identifier": world.identifier,
        "valid": None,
        "code_accepted": False,
    }
    assert AccessLogEntry.objects.count() == before
