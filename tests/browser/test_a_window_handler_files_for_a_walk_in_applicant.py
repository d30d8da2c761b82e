"""(c) of issue 10: 马晓梅 (handler_mz, 城东区民政局, which runs 老年人证申领) serves 张三 at the window: checks his
ID number (a wrong check character is refused in Chinese), records the consent he signed on paper, fills the
form with him, uploads his photo, submits; the case goes to her department's queue (he is under 60), she
claims and approves it, and the background steps (fetch, documents, archive) really run in the live server.
张三 then finds the case among his own. Every page passes axe and loads nothing from outside the app."""

import json
import re
import time

import pytest

from tests.browser import workbench_world
from tests.browser.checks import assert_accessible, assert_offline_ok, offline
from tests.browser.workbench_steps import approve, log_in, open_case
from workflows.demo_runner import form_value
from workflows.models import Case, CaseState

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
SHOTS = workbench_world.SCREENSHOTS


def _checked(page, shot: str | None = None) -> None:
    assert_accessible(page)
    assert_offline_ok(page)
    if shot:
        page.screenshot(path=f"{SHOTS}/workbench-{shot}.png", full_page=True)


def _wait_for_state(case: Case, states, seconds: float = 30) -> Case:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        case.refresh_from_db()
        if case.state in states:
            return case
        time.sleep(0.2)
    raise AssertionError(f"{case.number} stayed {case.state}, expected one of {states}")


def test_a_window_handler_files_elderly_card_for_a_walk_in_applicant_to_a_decision(
    page, browser, live_server
):
    world = workbench_world.load()
    offline(page, live_server)
    log_in(page, live_server, "handler_mz")
    _checked(page)

    page.get_by_role("link", name="窗口办理").first.click()
    page.get_by_role("heading", name=re.compile("窗口办理")).wait_for()
    _checked(page, "window-1-items")

    page.get_by_role("link", name="老年人证申领").click()
    wrong = world.ZHANGSAN[:-1] + ("0" if world.ZHANGSAN[-1] != "0" else "1")
    page.get_by_label("公民身份号码").fill(wrong)
    page.get_by_label("是否已退休").select_option(label="否")
    page.get_by_role("button", name="核验身份并建立办件").click()
    page.get_by_text("居民身份证号码校验码错误，请核对申请人出示的证件后重新输入").wait_for()
    assert not Case.objects.exists()
    _checked(page, "window-2-id-checked")

    page.get_by_label("公民身份号码").fill(world.ZHANGSAN)
    page.get_by_label("申请人姓名").fill("张三")
    page.get_by_role("button", name="核验身份并建立办件").click()
    page.get_by_role("heading", name="用证授权（窗口）").wait_for()
    case = Case.objects.get()
    assert (
        case.channel == "window"
        and case.window_handler == world.handler_mz
        and case.applicant == world.zhangsan
    )
    _checked(page, "window-3-consent")

    page.get_by_label("申请人签字的授权书扫描件（PDF、JPEG 或 PNG）").set_input_files(
        workbench_world.pdf_file("授权书.pdf")
    )
    page.get_by_label("同意授权调取上述电子证照").check()
    page.get_by_role("button", name="记录授权").click()
    page.get_by_role("heading", name="申请表").wait_for()  # fetched and verified in the live server
    case.refresh_from_db()
    assert case.state == CaseState.FILLING and case.consent is not None
    assert case.uploads.filter(material_key="window:consent-form").exists()
    assert set(case.licenses.values_list("fetch_state", flat=True)) == {"verified"}
    _checked(page, "window-4-form")

    page.get_by_label("本人近期免冠照片").set_input_files(workbench_world.png_file("照片.png"))
    page.get_by_role("button", name="上传").click()
    page.get_by_text("已上传：本人近期免冠照片").wait_for()
    filled = case.filled_form
    filled.refresh_from_db()
    for field in filled.schema.fields.all():
        if field.key in filled.locked or filled.values.get(field.key) not in (None, ""):
            continue
        target = page.locator(f"[name='{field.key}']")
        value = "13800000000" if field.kind == "phone" else form_value(field)
        if field.kind in ("choice", "bool"):
            target.select_option(value)
        else:
            target.fill(str(value))
    page.get_by_role("button", name="确认并提交申请").click()
    page.get_by_role("heading", name="办件进展").wait_for()
    case.refresh_from_db()
    assert case.state == CaseState.AWAITING_ACCEPTANCE  # 张三 is under 60: 民政 checks it by hand
    _checked(page, "window-5-submitted")

    page.get_by_role("link", name="工作台", exact=True).click()
    row = page.locator(f'table.wb-queue tr[data-number="{case.number}"]')
    assert "窗口办理" in row.inner_text()
    _checked(page, "queue")
    row.get_by_role("button", name="认领").click()
    page.get_by_text("已认领，受理计时开始").wait_for()
    open_case(page, live_server, case.number)
    preview = page.locator("details.wb-preview img")
    preview.first.wait_for()
    page.wait_for_function("img => img.complete", arg=preview.first.element_handle())
    assert page.evaluate("img => img.naturalWidth", preview.first.element_handle()) == 150  # the photo, drawn
    _checked(page, "case")

    approve(page, note="申请人持身份证件到窗口办理，材料齐全，准予办理")
    case = _wait_for_state(case, (CaseState.ARCHIVED,))
    assert case.decision == "approved" and case.decided_by == world.handler_mz
    assert (
        case.documents.filter(document__isnull=False).count() >= 2
    )  # 受理通知书 and 决定书, really rendered
    page.reload()
    assert "准予" in page.locator("#h-applicant").locator("..").inner_text()
    _checked(page, "case-decided")

    applicant = browser.new_context(locale="zh-CN")
    other = applicant.new_page()
    log_in(other, live_server, "zhangsan", next_url="/licenses/wallet/".replace("/licenses", ""))
    answer = other.request.get(f"{live_server.url}/api/v1/cases/", headers={"Accept": "application/json"})
    listed = json.loads(answer.text())
    applicant.close()
    assert case.number in [row["number"] for row in listed.get("results", [])]
