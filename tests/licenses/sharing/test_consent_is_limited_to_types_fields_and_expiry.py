"""A consent covers its listed license types and fields, its grantee, and its time — nothing else."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from licenses import gateway
from tests.factories import DepartmentFactory, UserFactory

from ..helpers import issue_person_license, issuer_with_key, person_license_type
from .conftest import basis, grant, last_entry


def test_the_consented_fields_are_read_and_nothing_more(world):
    result = gateway.retrieve(
        identifier=world.identifier,
        fields=["name", "vehicle_class"],
        basis=basis(grant(world)),
        user=world.handler,
    )
    assert result.status == "ok"
    assert result.data["document"]["face"] == {"name": "张三", "vehicle_class": "C1"}
    assert last_entry().fields_read == ["name", "vehicle_class"]


def test_a_field_outside_the_consent_is_refused_by_name(world):
    result = gateway.retrieve(
        identifier=world.identifier, fields=["name", "points"], basis=basis(grant(world)), user=world.handler
    )
    assert result.status == "denied" and "points" in result.message
    assert "document" not in result.data


def test_a_license_type_outside_the_consent_is_refused(world):
    other_issuer = issuer_with_key()
    other_type = person_license_type(issuers=[other_issuer], name="测试学历证书")
    other = issue_person_license(
        issuer=other_issuer, license_type=other_type, holder_code=world.holder_code, holder_name="张三"
    )
    result = gateway.retrieve(
        identifier=other.identifier, fields=["name"], basis=basis(grant(world)), user=world.handler
    )
    assert result.status == "denied" and "证照类型" in result.message


def test_an_expired_consent_is_refused(world):
    consent = grant(world, days=1)
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        result = gateway.retrieve(
            identifier=world.identifier, fields=["name"], basis=basis(consent), user=world.handler
        )
    assert result.status == "denied" and "过期" in result.message


def test_a_consent_is_usable_only_by_the_granted_department(world):
    outsider = UserFactory(roles=["handler"], is_staff=True, department=DepartmentFactory())
    result = gateway.retrieve(
        identifier=world.identifier, fields=["name"], basis=basis(grant(world)), user=outsider
    )
    assert result.status == "denied" and "部门" in result.message


def test_a_consent_does_not_cover_another_holders_license(world):
    someone_else = issue_person_license(
        issuer=world.issuer, license_type=world.license_type, holder_name="李四"
    )
    result = gateway.retrieve(
        identifier=someone_else.identifier, fields=["name"], basis=basis(grant(world)), user=world.handler
    )
    assert result.status == "denied" and "持证人" in result.message


def test_the_gateway_api_reads_the_consented_fields_for_the_granted_department(client, world):
    consent = grant(world)
    client.force_login(world.handler)
    response = client.post(
        "/api/v1/gateway/retrieve/",
        {
            "identifier": world.identifier,
            "fields": ["name"],
            "purpose": "核对",
            "consent": str(consent.reference),
        },
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["document"]["face"] == {"name": "张三"}


def test_the_gateway_api_refuses_another_departments_consent_and_says_why(client, world):
    consent = grant(world)
    client.force_login(UserFactory(roles=["handler"], is_staff=True, department=DepartmentFactory()))
    response = client.post(
        "/api/v1/gateway/retrieve/",
        {
            "identifier": world.identifier,
            "fields": ["name"],
            "purpose": "核对",
            "consent": str(consent.reference),
        },
        content_type="application/json",
    )
    assert response.status_code == 403 and "部门" in response.json()["message"]
    assert last_entry().result == "denied"
