from datetime import date

import pytest

from catalogs.services import create_draft_version, publish_service_item
from tests.factories import MaterialFactory, ServiceItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    item = ServiceItemFactory(name="草稿中的事项", code="630000-DRAFT-0001")
    MaterialFactory(service_item=item)
    return item


@pytest.fixture
def published():
    item = ServiceItemFactory(name="现行的事项", code="630000-LIVE-0001")
    MaterialFactory(service_item=item)
    return publish_service_item(item=item, effective_from=date(2020, 1, 1))


def test_the_public_api_lists_published_items_but_not_drafts(client, draft, published):
    codes = [row["code"] for row in client.get("/api/v1/catalog/service-items/").json()["results"]]
    assert codes == ["630000-LIVE-0001"]
    assert client.get("/api/v1/catalog/service-items/630000-DRAFT-0001/").status_code == 404


def test_a_new_draft_of_a_published_item_does_not_replace_the_public_version(client, published):
    draft = create_draft_version(item=published)
    draft.name = "尚未发布的新名称"
    draft.save()
    body = client.get("/api/v1/catalog/service-items/630000-LIVE-0001/").json()
    assert (body["version"], body["name"]) == (1, "现行的事项")


def test_the_public_usage_page_and_download_omit_drafts(client, draft, published):
    page = client.get("/catalog/usage/").content.decode()
    assert "现行的事项" in page and "草稿中的事项" not in page
    csv = client.get("/catalog/usage.csv").content.decode("utf-8-sig")
    assert "现行的事项" in csv and "草稿中的事项" not in csv
    assert client.get("/catalog/items/630000-DRAFT-0001/").status_code == 404


def test_an_item_is_public_only_from_its_effective_date(client):
    item = ServiceItemFactory(code="630000-SOON-0001")
    MaterialFactory(service_item=item)
    publish_service_item(item=item, effective_from=date(2099, 1, 1))
    assert client.get("/api/v1/catalog/service-items/630000-SOON-0001/").status_code == 404
    assert client.get("/api/v1/catalog/service-items/630000-SOON-0001/?on=2099-01-01").status_code == 200


def test_a_bad_date_parameter_is_a_problem_detail_in_chinese(client):
    response = client.get("/api/v1/catalog/service-items/?on=明天")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalid-params"] == [{"name": "on", "reason": "日期格式应为 YYYY-MM-DD"}]


def test_the_issuing_list_shows_each_department_with_its_license_types(client, demo_catalog):
    page = client.get("/catalog/issuing/").content.decode()
    assert "青海省公安厅" in page and "居民身份证" in page
    xlsx = client.get("/catalog/issuing.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_public_pages_load_their_stylesheet(client):
    page = client.get("/catalog/usage/").content.decode()
    assert 'href="/static/css/site.css"' in page
    from django.contrib.staticfiles import finders

    assert finders.find("css/site.css")
