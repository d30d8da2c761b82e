"""The schema API for the portal, the 免填写 statistics API and the policy staff's preview page."""

import pytest
from django.utils import timezone

from catalogs.services import publish_service_item
from forms.services.filling import start_form
from tests.factories import MaterialFactory


@pytest.fixture
def published(schema):
    MaterialFactory(service_item=schema.service_item)
    publish_service_item(item=schema.service_item, effective_from=timezone.localdate())
    return schema


def test_an_applicant_gets_the_current_schema_with_prefill_sources(client, applicant_user, published):
    client.force_login(applicant_user)
    body = client.get(f"/api/v1/forms/schemas/{published.service_item.code}/").json()
    assert body["title"] == "内地居民婚姻登记申请表"
    assert [f["key"] for f in body["fields"]][:2] == ["applicant_name", "sex"]
    assert body["fields"][0]["prefill_source"].startswith("license:")


def test_a_draft_only_item_has_no_current_schema(client, applicant_user, schema):
    client.force_login(applicant_user)
    response = client.get(f"/api/v1/forms/schemas/{schema.service_item.code}/")
    assert response.status_code == 404 and response.json()["detail"] == "该事项没有现行的申请表单"


def test_anonymous_users_get_no_schema(client, published):
    assert client.get(f"/api/v1/forms/schemas/{published.service_item.code}/").status_code in (401, 403)


def test_an_auditor_sees_the_prefill_rate(client, auditor_user, schema, applicant, verified_id):
    start_form(schema=schema, reference="API-1", applicant=applicant, evidence=[verified_id])
    client.force_login(auditor_user)
    assert client.get("/api/v1/forms/statistics/").json() == {
        "forms": 1,
        "prefilled_fields": 4,
        "fields": 7,
        "rate": 4 / 7,
    }


def test_an_applicant_may_not_see_the_statistics(client, applicant_user):
    client.force_login(applicant_user)
    response = client.get("/api/v1/forms/statistics/")
    assert (
        response.status_code == 403
        and response.json()["title"] == "只有目录管理员和监管人员可以查看免填写统计"
    )


def test_policy_staff_preview_validates_without_saving(client, policy_user, schema):
    client.force_login(policy_user)
    response = client.post(
        f"/forms/schemas/{schema.pk}/preview/", {"id_number": "123", "applicant_name": "<b>x</b>"}
    )
    content = response.content.decode()
    assert response.status_code == 200 and "居民身份证号码" in content and "校验通过" not in content
    assert "<b>x</b>" not in content and "&lt;b&gt;x&lt;/b&gt;" in content


def test_an_applicant_cannot_open_the_preview(client, applicant_user, schema):
    client.force_login(applicant_user)
    assert client.get(f"/forms/schemas/{schema.pk}/preview/").status_code == 403
