"""Handlers see holders' identifiers masked in lists (630102********1234); the holder sees their own."""

from catalogs.identifiers import mask_code
from licenses import gateway
from licenses.audit import Reader, record_access
from licenses.models import AccessChannel
from tests.factories import UserFactory

from .conftest import basis, grant


def test_the_handlers_consent_list_masks_the_holder(client, world):
    grant(world)
    client.force_login(world.handler)
    row = client.get("/api/v1/consents/").json()["results"][0]
    assert row["holder_code"] == mask_code(world.holder_code) and world.holder_code not in str(row)


def test_a_handler_of_another_department_sees_none_of_the_consents(client, world):
    from tests.factories import DepartmentFactory

    grant(world)
    client.force_login(UserFactory(roles=["handler"], is_staff=True, department=DepartmentFactory()))
    assert client.get("/api/v1/consents/").json()["count"] == 0


def test_the_holder_sees_their_own_code_unmasked(client, world):
    grant(world)
    client.force_login(world.holder)
    assert client.get("/api/v1/me/consents/").json()["results"][0]["holder_code"] == world.holder_code


def test_the_auditors_access_log_list_masks_the_holder(client, world, auditor_user):
    gateway.retrieve(
        identifier=world.identifier, fields=["name"], basis=basis(grant(world)), user=world.handler
    )
    client.force_login(auditor_user)
    text = client.get("/admin/licenses/accesslogentry/").content.decode()
    assert mask_code(world.holder_code) in text and world.holder_code not in text


def test_the_holders_usage_record_names_reader_purpose_case_and_fields(client, world):
    record_access(
        reader=Reader(
            channel=AccessChannel.GATEWAY, user=world.handler, purpose="测试事由", case_reference="CASE-9"
        ),
        result="granted",
        license=world.version.license,
        license_identifier=world.identifier,
        license_name=world.version.name,
        fields_read=["name"],
    )
    client.force_login(world.holder)
    row = client.get("/api/v1/me/access-log/").json()["results"][0]
    assert (row["reader"], row["purpose"], row["case_reference"], row["fields_read"]) == (
        "城东区民政局 · 马晓梅",
        "测试事由",
        "CASE-9",
        ["name"],
    )


def test_the_consent_admin_shows_a_handler_only_their_departments_consents_masked(client, world):
    from tests.factories import DepartmentFactory

    consent = grant(world)
    client.force_login(world.handler)
    text = client.get("/admin/licenses/consent/").content.decode()
    assert (
        str(consent.reference) in text
        and mask_code(world.holder_code) in text
        and world.holder_code not in text
    )
    client.force_login(UserFactory(roles=["handler"], is_staff=True, department=DepartmentFactory()))
    assert str(consent.reference) not in client.get("/admin/licenses/consent/").content.decode()


def test_the_usage_page_leaves_out_the_holders_own_views_unless_asked(client, world):
    record_access(
        reader=Reader(channel=AccessChannel.GATEWAY, user=world.handler, purpose="他人读取"),
        result="granted",
        license=world.version.license,
        license_identifier=world.identifier,
    )
    client.force_login(world.holder)
    client.get("/wallet/")  # the holder looks at their own wallet: one more entry, by the holder
    text = client.get("/wallet/access-log/").content.decode()
    assert "他人读取" in text and "持证人查看本人证照" not in text
    assert "持证人查看本人证照" in client.get("/wallet/access-log/?own=1").content.decode()
