"""Issue 10 acceptance (a): 张三 applies for 婚姻登记 on a 390×844 phone through the portal — guide, what to
prepare, consent with its preview, live verification, the pre-filled read-only form, the upload, submit — gets an
instant approval, downloads the decision and finds the new 结婚证 in his wallet. The background steps (fetch,
outcome, archive) really run: Celery is eager in the test settings and the live server commits, so each step is
sent on commit and completed in-process (each Playwright wait is bounded by the 15 s default). Every page passes axe and loads nothing from outside the app, also in
the elderly mode. Screenshots of each step go to docs/screenshots/portal-*.png."""

from pathlib import Path

import pytest

from tests.browser.checks import assert_accessible, assert_offline_ok, offline
from tests.browser.portal_steps import MARRIAGE, PNG, attach, login, shot
from tests.workflows.conftest import load_world

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def demo_world(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CELERY_TASK_ALWAYS_EAGER = True  # as the embedded default: background steps run in-process
    from licenses import demo as licenses_demo

    load_world()
    return licenses_demo


def _page_ok(page) -> None:
    assert_accessible(page)
    assert_offline_ok(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"


def test_zhangsan_marries_on_a_phone_and_finds_the_marriage_certificate_in_his_wallet(
    phone, live_server, demo_world
):
    from workflows.models import Case

    offline(phone, live_server)
    login(phone, live_server, "zhangsan")

    # 办事指南: search, filter, open the item
    phone.get_by_label("搜索事项").fill("婚姻")
    phone.get_by_label("个人办事").check()
    phone.get_by_role("button", name="查找").click()
    phone.get_by_role("link", name="内地居民婚姻登记").wait_for()
    _page_ok(phone)
    shot(phone, SHOTS, "1-guide")
    phone.get_by_role("link", name="内地居民婚姻登记").click()
    phone.get_by_role("heading", name="内地居民婚姻登记", level=1).wait_for()
    text = phone.locator("main").inner_text()
    for fact in ("承诺时限", "法定时限", "9.00 元", "设定依据", "居民身份证", "户口簿"):
        assert fact in text, fact
    _page_ok(phone)
    shot(phone, SHOTS, "2-item")

    # 我需要准备什么: the questions, then the materials resolved for him
    phone.get_by_role("link", name="申请", exact=True).click()
    phone.locator("input[name=q-previously_divorced][value=false]").check()
    phone.get_by_label("对方公民身份号码").fill(demo_world.LISI)
    phone.get_by_role("button", name="查看需要准备的材料").click()
    phone.get_by_role("heading", name="按您的情况，需要的材料").wait_for()
    materials = phone.locator("#materials").inner_text()
    assert "免提交" in materials and "免于提交" in materials and "上传" in materials
    assert "可即时办结（秒批）" in materials
    _page_ok(phone)
    shot(phone, SHOTS, "3-prepare")

    # consent: the preview names exactly what will be read
    phone.get_by_role("button", name="开始申请").click()
    phone.get_by_role("heading", name="授权调取电子证照").wait_for()
    consent = phone.locator("#consent").inner_text()
    assert "居民身份证" in consent and "户口簿" in consent and "离婚证" not in consent
    assert "将读取：" in consent and "姓名" in consent
    _page_ok(phone)
    shot(phone, SHOTS, "4-consent")

    # live status: each license verified
    phone.get_by_role("button", name="同意授权并调取").click()
    phone.get_by_role("heading", name="调取并核验电子证照").wait_for()
    phone.get_by_role("link", name="继续：核对申请表").wait_for()
    rows = phone.locator("#license-status li")
    assert rows.count() == 2 and all("核验通过" in t for t in rows.all_inner_texts())
    _page_ok(phone)
    shot(phone, SHOTS, "5-verified")

    # the pre-filled form: fields from licenses are marked with their source and read-only
    phone.get_by_role("link", name="继续：核对申请表").click()
    phone.get_by_role("button", name="提交申请").wait_for()
    name = phone.get_by_label("姓名", exact=True)
    assert name.input_value() == "张三" and name.is_disabled()
    assert "来自居民身份证，只读" in phone.locator(".field.prefilled").first.inner_text()
    assert "来自户口簿" in phone.locator("#fill").inner_text()
    phone.get_by_label("对方姓名").fill("李四")
    phone.get_by_label("对方公民身份号码").fill(demo_world.LISI)
    phone.get_by_label("联系电话").fill("13800000000")
    attach(phone, "本人近期半身免冠合影照片", content=PNG, filename="合影.png")
    _page_ok(phone)
    shot(phone, SHOTS, "6-form")

    # submit: decided at once
    phone.get_by_role("button", name="提交申请").click()
    phone.get_by_text("已即时办结（秒批）：准予").wait_for()
    case = Case.objects.get(applicant__username="zhangsan", service_code=MARRIAGE)
    assert case.decision == "approved" and case.state == "archived"
    assert "准予" in phone.locator(".summary").inner_text()
    _page_ok(phone)
    shot(phone, SHOTS, "7-approved")

    # the decision downloads as a PDF
    with phone.expect_download() as download:
        phone.get_by_role("link", name="准予登记决定书").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")

    # the new 结婚证 is in the wallet
    phone.get_by_role("link", name="到电子证照夹查看").click()
    phone.get_by_role("heading", name="结婚证").wait_for()
    assert_offline_ok(phone)
    shot(phone, SHOTS, "8-wallet")

    # 我的办件, in the elderly mode (remembered from page to page)
    phone.goto(f"{live_server.url}/portal/cases/")
    phone.get_by_role("button", name="大字版").click()
    phone.wait_for_selector("body.elderly")
    assert "已归档" in phone.locator("main").inner_text()
    _page_ok(phone)
    shot(phone, SHOTS, "9-my-cases-elderly")
    phone.get_by_role("link", name="内地居民婚姻登记").click()
    phone.wait_for_selector("body.elderly")
    phone.get_by_role("heading", name="好差评").wait_for()
    _page_ok(phone)
    shot(phone, SHOTS, "10-case-elderly")
