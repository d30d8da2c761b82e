"""The supervision pages in Chromium: statistics with its charts, the overdue list and the rectification list pass
axe, load nothing from outside the app, and are photographed for the docs (docs/screenshots/supervision-*.png)."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import AUDITOR
from tests.browser.checks import assert_accessible, assert_offline_ok, offline

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def supervised_world(db):
    from catalogs import demo
    from supervision.generate import generate
    from supervision.services import flag_deadlines

    demo.load()
    generate(count=1500, seed=42, months=11)  # within the default range (a year)
    flag_deadlines()
    user = User.objects.create_user(username="auditor-browser", password="pw-for-tests-1", real_name="监管员")
    user.groups.add(Group.objects.get(name=AUDITOR))
    return user


def _login(page, live_server, next_path: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.fill("#id_username", "auditor-browser")
    page.fill("#id_password", "pw-for-tests-1")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"**{next_path}")


def test_the_statistics_and_follow_up_pages_pass_axe_offline(page, live_server, supervised_world):
    offline(page, live_server)
    _login(page, live_server, "/supervision/")
    assert page.locator("[data-figure=cases]").inner_text() == "1500"
    assert page.locator("svg.chart").count() == 3
    assert_accessible(page)
    assert_offline_ok(page)
    page.screenshot(path=str(SHOTS / "supervision-statistics.png"), full_page=True)

    page.goto(f"{live_server.url}/supervision/rectifications/")
    assert page.get_by_role("heading", name="好差评整改跟踪").is_visible()
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "supervision-rectifications.png"), full_page=True)

    page.goto(f"{live_server.url}/supervision/overdue/")
    assert page.get_by_text("已逾期").first.is_visible()
    assert_accessible(page)
    assert_offline_ok(page)
    page.screenshot(path=str(SHOTS / "supervision-overdue.png"), full_page=True)


def test_the_statistics_page_reads_on_a_phone(phone, live_server, supervised_world):
    offline(phone, live_server)
    _login(phone, live_server, "/supervision/")
    assert phone.locator("svg.chart").first.is_visible()
    assert_accessible(phone)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 400  # wide tables scroll inside their own region, not the page
