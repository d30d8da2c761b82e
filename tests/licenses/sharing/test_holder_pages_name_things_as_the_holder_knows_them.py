"""The holder's access log and consents pages show field labels, license and consent names, the reason a
read was refused and when a consent was revoked; revoking asks first and says it is done."""

import pytest

from licenses.audit import Reader, record_access
from licenses.models import AccessChannel, AccessResult, Consent

from .conftest import PURPOSE, grant

pytestmark = pytest.mark.django_db


def _read(world, consent, *, result=AccessResult.GRANTED, fields=("name", "vehicle_class"), detail=""):
    reader = Reader(
        channel=AccessChannel.GATEWAY,
        user=world.handler,
        purpose=PURPOSE,
        case_reference="QH-2026-000001",
        consent_reference=str(consent.reference),
    )
    record_access(
        reader=reader,
        result=result,
        license=world.version.license,
        license_identifier=world.identifier,
        license_name=world.version.name,
        fields_read=list(fields) if result == AccessResult.GRANTED else [],
        detail=detail,
    )


def test_the_access_log_names_fields_and_the_consent_not_keys_and_references(client, world):
    consent = grant(world)
    _read(world, consent)
    client.force_login(world.holder)
    page = client.get("/wallet/access-log/").content.decode()
    assert "姓名、准驾车型" in page and "vehicle_class" not in page
    assert f"您的授权：{PURPOSE}" in page and str(consent.reference)[:8] not in page


def test_a_refused_read_shows_its_reason(client, world):
    consent = grant(world)
    _read(world, consent, result=AccessResult.DENIED, detail="授权已过期")
    client.force_login(world.holder)
    page = client.get("/wallet/access-log/").content.decode()
    assert "已拒绝" in page and "原因：授权已过期" in page


def test_the_consents_page_names_licenses_and_fields(client, world):
    grant(world)
    client.force_login(world.holder)
    page = client.get("/wallet/consents/").content.decode()
    assert f"<strong>{world.license_type.name}</strong>：姓名、准驾车型" in page
    assert world.type_code not in page and "vehicle_class" not in page


def test_revoking_asks_first_then_confirms_with_the_time(client, world):
    consent = grant(world)
    client.force_login(world.holder)
    url = f"/wallet/consents/{consent.reference}/revoke/"
    confirm = client.get(url).content.decode()
    assert "确认撤回授权" in confirm and "城东区民政局将立即不能再读取下列证照" in confirm
    consent.refresh_from_db()
    assert consent.revoked_at is None  # asking is not revoking
    page = client.post(url, follow=True).content.decode()
    consent.refresh_from_db()
    assert consent.revoked_at is not None
    assert (
        f"已撤回“{PURPOSE}”的授权" in page and "自此不能再读取您的证照" in page
    )  # the success message is shown
    assert "已于 " in page and " 撤回" in page and Consent.objects.get().state == "revoked"
