"""The grant preview shows exactly which fields of which licenses will be read, minimised by the
purpose's sensitivity grade (信息采集最小化)."""

import pytest

from licenses.consent import preview_consent
from licenses.errors import InvalidLicenseData

from .conftest import PURPOSE, grant


def test_the_preview_lists_the_holders_license_and_only_fields_within_the_grade(world):
    preview = preview_consent(
        holder_code=world.holder_code,
        type_codes=[world.type_code],
        purpose=PURPOSE,
        requested_fields={world.type_code: ["name", "citizen_id", "vehicle_class"]},
        max_sensitivity=2,
    )
    item = preview.types[0]
    assert [f.key for f in item.included] == ["name", "vehicle_class"]
    assert [e["key"] for e in item.excluded] == ["citizen_id"]
    assert "敏感级别" in item.excluded[0]["reason"]
    assert item.licenses == [{"identifier": world.identifier, "status": "valid"}]


def test_without_a_field_list_the_grant_covers_the_fields_up_to_the_grade(world):
    preview = preview_consent(
        holder_code=world.holder_code, type_codes=[world.type_code], purpose=PURPOSE, max_sensitivity=3
    )
    assert preview.fields == {world.type_code: ["citizen_id", "first_issue_date", "name", "vehicle_class"]}


def test_a_granted_consent_stores_what_the_preview_showed(world):
    consent = grant(world, fields=("name", "points"))
    assert consent.fields == {world.type_code: ["name"]}  # points (高度敏感) was left out


def test_a_purpose_is_required(world):
    with pytest.raises(InvalidLicenseData, match="用证事由"):
        preview_consent(holder_code=world.holder_code, type_codes=[world.type_code], purpose="  ")


def test_a_purpose_longer_than_200_characters_is_refused(world):
    with pytest.raises(InvalidLicenseData, match="200"):
        preview_consent(holder_code=world.holder_code, type_codes=[world.type_code], purpose="事" * 201)


def test_an_unknown_field_is_refused_with_its_name(world):
    with pytest.raises(InvalidLicenseData, match="blood_type"):
        preview_consent(
            holder_code=world.holder_code,
            type_codes=[world.type_code],
            purpose=PURPOSE,
            requested_fields={world.type_code: ["blood_type"]},
        )


def test_the_preview_api_answers_for_the_signed_in_holder(client, world):
    client.force_login(world.holder)
    response = client.post(
        "/api/v1/me/consents/preview/",
        {
            "type_codes": [world.type_code],
            "purpose": PURPOSE,
            "fields": {world.type_code: ["name", "points"]},
        },
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()["types"][0]
    assert [f["key"] for f in body["fields"]] == ["name"] and body["excluded"][0]["key"] == "points"


def test_the_grant_page_previews_before_it_grants(client, world):
    from licenses.models import Consent

    client.force_login(world.holder)
    form = {
        "grantee_department": world.grantee.pk,
        "type_codes": [world.type_code],
        "purpose": PURPOSE,
        "max_sensitivity": 2,
        "expires_in_days": 30,
    }
    text = client.post("/wallet/consents/new/", form).content.decode()
    assert "授权预览" in text and "将读取：" in text and "准驾车型" in text and world.identifier in text
    assert (
        "公民身份号码（属于“敏感”信息，超出您选择的范围）" in text and "2 级" not in text
    )  # no grade jargon
    assert not Consent.objects.exists()  # nothing granted by the preview
    assert client.post("/wallet/consents/new/", {**form, "confirm": "1"}).status_code == 302
    assert Consent.objects.get().fields == {world.type_code: ["first_issue_date", "name", "vehicle_class"]}


def test_the_grant_page_offers_only_the_licenses_the_holder_holds(client, world):
    from tests.factories import UserFactory, valid_citizen_id

    client.force_login(world.holder)
    assert f'value="{world.type_code}"' in client.get("/wallet/consents/new/").content.decode()
    client.force_login(UserFactory(holder_code=valid_citizen_id(), holder_code_type="111"))
    assert f'value="{world.type_code}"' not in client.get("/wallet/consents/new/").content.decode()


def test_the_grant_page_offers_only_departments_that_read_licenses(client, world):
    from tests.factories import DepartmentFactory

    idle = DepartmentFactory(name="不办理用证事项的部门")
    client.force_login(world.holder)
    choices = client.get("/wallet/consents/new/").context["form"].fields["grantee_department"].queryset
    assert world.grantee in choices and idle not in choices
