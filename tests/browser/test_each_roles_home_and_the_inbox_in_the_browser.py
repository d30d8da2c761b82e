"""Each role's home page and the inbox in Chromium: they pass axe-core with no serious or critical violation and
load nothing from outside the app; screenshots go to docs/screenshots/home-<role>.png and inbox.png."""

from pathlib import Path

import pytest

from accounts.roles import APPLICANT, AUDITOR, HANDLER, POLICY_STAFF
from tests.browser.checks import assert_accessible, assert_offline_ok, offline
from tests.factories import DepartmentFactory, UserFactory, valid_citizen_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def log_in(page, live_server, username: str, next_path: str = "/") -> None:
    offline(page, live_server)
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-for-tests-1")
    page.click("main form [type=submit]")
    page.wait_for_load_state("networkidle")


def people() -> dict:
    department = DepartmentFactory(name="西宁市城东区民政局")
    return {
        "applicant": UserFactory(
            username="zhangsan-home",
            real_name="张三",
            roles=[APPLICANT],
            holder_code=valid_citizen_id(),
            holder_code_type="111",
        ),
        "handler": UserFactory(
            username="handler-home", real_name="马晓梅", roles=[HANDLER], is_staff=True, department=department
        ),
        "policy": UserFactory(
            username="policy-home", real_name="韩政策", roles=[POLICY_STAFF], is_staff=True
        ),
        "auditor": UserFactory(username="auditor-home", real_name="祁监管", roles=[AUDITOR], is_staff=True),
    }


HEADINGS = {"applicant": "办事", "handler": "我的工作台", "policy": "目录与规则", "auditor": "监管审计"}


@pytest.mark.parametrize("role", ["applicant", "handler", "policy", "auditor"])
def test_each_roles_home_is_accessible_offline(page, live_server, role):
    user = people()[role]
    log_in(page, live_server, user.username)
    page.get_by_role("heading", name=HEADINGS[role], exact=True).wait_for()
    assert_offline_ok(page)
    assert_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"home-{role}.png"), full_page=True)


def test_the_public_home_on_a_phone(phone, live_server):
    offline(phone, live_server)
    phone.goto(f"{live_server.url}/")
    phone.get_by_role("heading", name="公开信息").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_offline_ok(phone)
    assert_accessible(phone)
    phone.screenshot(path=str(SHOTS / "home-public.png"), full_page=True)


def test_the_inbox_on_a_phone_marks_a_message_read(phone, live_server):
    from notifications.services import mark_read, notify

    applicant = people()["applicant"]
    notify(
        recipient=applicant,
        kind="consent_needed",
        key="shot:1",
        title="请授权调取电子证照",
        body="您申请的“内地居民婚姻登记”（办件编号 630000-MZ-0001-20260302-00001）需要您授权调取以下电子证照："
        "居民身份证、户口簿。授权后由系统自动调取核验，您无需再提交这些证照。",
    )
    notify(
        recipient=applicant,
        kind="supplement_requested",
        key="shot:2",
        title="请补正材料（一次性告知）",
        body="您申请的“企业设立登记”（办件编号 630000-SJ-0001-20260302-00001）需补正以下全部 2 项材料："
        "1. 公司章程：章程未签字；2. 股东会决议：清单外材料，需补充。请于 2026年03月09日 前上传补正材料并重新提交。",
    )
    decided = notify(
        recipient=applicant,
        kind="decided",
        key="shot:3",
        title="办件已办结：准予",
        body="您申请的“内地居民婚姻登记”已办结，结果为准予，电子证照已同步发放到您的电子证照夹。",
    )
    mark_read(user=applicant, message_pk=decided.pk)
    log_in(phone, live_server, applicant.username, "/messages/")
    phone.get_by_role("heading", name="我的消息").wait_for()
    assert phone.locator("ol.inbox li.unread").count() == 2
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_offline_ok(phone)
    assert_accessible(phone)
    phone.screenshot(path=str(SHOTS / "inbox.png"), full_page=True)
    phone.get_by_role("button", name="标为已读", exact=True).first.click()
    phone.wait_for_load_state("networkidle")
    assert phone.locator("ol.inbox li.unread").count() == 1
    assert phone.locator("header nav a[href='/messages/']").inner_text().split() == ["消息", "1", "条未读"]
