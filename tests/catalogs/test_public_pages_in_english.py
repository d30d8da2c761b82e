import pytest

pytestmark = pytest.mark.django_db


def test_the_usage_list_is_chinese_by_default_whatever_the_browser_prefers(client, demo_catalog):
    page = client.get("/catalog/usage/", headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert "政务服务事项用证清单" in page and 'lang="zh-hans"' in page


def test_the_usage_list_is_available_in_english(client, demo_catalog):
    client.cookies["django_language"] = "en"
    page = client.get("/catalog/usage/").content.decode()
    assert "Licenses used by each service item" in page
    assert 'lang="en"' in page
    assert "Not submitted (e-license fetched automatically)" in page  # model choice labels too


def test_the_language_switch_keeps_the_visitor_on_the_same_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/catalog/issuing/"})
    assert response.status_code == 302 and response["Location"] == "/catalog/issuing/"
    assert "E-license issuing list" in client.get("/catalog/issuing/").content.decode()


def test_the_catalog_admin_is_available_in_english(client, policy_user):
    from tests.factories import ServiceItemFactory

    ServiceItemFactory()
    client.cookies["django_language"] = "en"
    client.force_login(policy_user)
    page = client.get("/admin/catalogs/serviceitem/").content.decode()
    assert "Catalogs" in page and "Publish the selected drafts" in page and "Lifecycle" in page


def test_the_statutory_limit_and_the_calendar_admin_are_available_in_english(
    client, demo_catalog, policy_user
):
    client.cookies["django_language"] = "en"
    page = client.get("/catalog/usage/").content.decode()
    assert "Statutory time" in page and "None set by law" in page
    client.force_login(policy_user)
    page = client.get("/admin/catalogs/calendarday/").content.decode()
    assert "Holidays and make-up workdays" in page and "Make-up workday" in page
