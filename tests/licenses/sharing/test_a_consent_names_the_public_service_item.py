"""A consent names the version of a service item the public sees (the one in force today), never a newer
draft of it nor a draft that was never published."""

from datetime import date

import pytest

from catalogs.services import create_draft_version, publish_service_item
from licenses.models import Consent
from tests.factories import MaterialFactory, ServiceItemFactory


@pytest.fixture
def published(db):
    item = ServiceItemFactory(name="现行的事项", code="630000-LIVE-0001")
    MaterialFactory(service_item=item)
    return publish_service_item(item=item, effective_from=date(2020, 1, 1))


def _grant(client, world, code):
    client.force_login(world.holder)
    return client.post(
        "/api/v1/me/consents/",
        {
            "type_codes": [world.type_code],
            "purpose": "办理婚姻登记：核对驾驶证信息",
            "fields": {world.type_code: ["name"]},
            "max_sensitivity": 2,
            "grantee_department": world.grantee.uscc,
            "service_item": code,
        },
        content_type="application/json",
    )


def test_a_consent_names_the_published_version_not_a_newer_draft(client, world, published):
    draft = create_draft_version(item=published)
    response = _grant(client, world, "630000-LIVE-0001")
    assert response.status_code == 201, response.json()
    consent = Consent.objects.get(reference=response.json()["reference"])
    assert consent.service_item_id == published.pk != draft.pk


def test_a_consent_cannot_name_a_service_item_that_was_never_published(client, world):
    ServiceItemFactory(code="630000-DRAFT-0001")
    response = _grant(client, world, "630000-DRAFT-0001")
    assert response.status_code == 400
    assert "政务服务事项不存在" in response.json()["title"]
