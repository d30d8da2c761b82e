"""A policy officer signs in, publishes a draft service item from the admin, and the public sees it."""

import pytest

from catalogs.models import ServiceItem
from tests.factories import MaterialFactory, ServiceItemFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_policy_officer_publishes_a_draft_and_the_usage_list_shows_it(page, live_server):
    from accounts.roles import POLICY_STAFF

    UserFactory(username="policy-browser", roles=[POLICY_STAFF], is_staff=True)
    item = ServiceItemFactory(name="浏览器测试事项", code="630000-WEB-0001")
    MaterialFactory(service_item=item)

    page.goto(f"{live_server.url}/catalog/usage/")
    assert "浏览器测试事项" not in page.content()  # a draft is not public

    page.goto(f"{live_server.url}/admin/login/?next=/admin/catalogs/serviceitem/")
    page.fill("#id_username", "policy-browser")
    page.fill("#id_password", "pw-for-tests-1")
    page.click("input[type=submit]")
    page.get_by_role("link", name="630000-WEB-0001").wait_for()

    page.check(f"input[name=_selected_action][value='{item.pk}']")
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    page.get_by_text("可以发布").wait_for()
    page.fill("input[name=effective_from]", "2026-01-01")
    page.click("input[name=apply]")
    page.get_by_text("已发布").first.wait_for()

    item.refresh_from_db()
    assert (item.status, str(item.valid_from)) == ("published", "2026-01-01")
    page.goto(f"{live_server.url}/catalog/usage/?q=浏览器")
    assert page.get_by_role("link", name="浏览器测试事项").is_visible()
    assert ServiceItem.objects.filter(code="630000-WEB-0001", status="published").count() == 1


def test_the_publish_page_tells_the_officer_what_to_fix(page, live_server):
    from accounts.roles import POLICY_STAFF

    UserFactory(username="policy-browser", roles=[POLICY_STAFF], is_staff=True)
    item = ServiceItemFactory(name="缺少材料的事项", code="630000-WEB-0002")
    page.goto(f"{live_server.url}/admin/login/?next=/admin/catalogs/serviceitem/")
    page.fill("#id_username", "policy-browser")
    page.fill("#id_password", "pw-for-tests-1")
    page.click("input[type=submit]")
    page.check(f"input[name=_selected_action][value='{item.pk}']")
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    assert page.get_by_text("材料清单为空").is_visible()
    page.fill("input[name=effective_from]", "2026-01-01")
    page.click("input[name=apply]")
    page.locator(".messagelist .error").first.wait_for()
    item.refresh_from_db()
    assert item.status == "draft"
