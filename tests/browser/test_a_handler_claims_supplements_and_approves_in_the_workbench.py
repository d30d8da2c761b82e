"""The handler's half of test (b) of issue 10, through the reusable steps in ``workbench_steps``: 李审批
(handler_sj, 市场监管) finds 王五's 企业设立登记 in the department's queue, claims it, asks once for a new
公司章程 picked from the case's material list, and — once 王五 has uploaded it (here through the services; the
portal's own steps do it in the joined test) — approves; the background steps issue the 营业执照 and archive."""

import time

import pytest

from tests.browser import workbench_world
from tests.browser.checks import assert_accessible, assert_offline_ok, offline
from tests.browser.workbench_steps import (
    approve,
    claim,
    find_case,
    log_in,
    open_case,
    open_queue,
    request_supplement,
)
from tests.workbench.cases import enterprise_case
from workflows.models import Case, CaseState
from workflows.services import filling, review

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


class Upload:
    def __init__(self, content: bytes, name: str):
        import io

        self._file = io.BytesIO(content)
        self.name, self.size = name, len(content)

    def read(self, *args):
        return self._file.read(*args)


def _checked(page, shot: str | None = None) -> None:
    assert_accessible(page)
    assert_offline_ok(page)
    if shot:
        page.screenshot(path=f"{workbench_world.SCREENSHOTS}/workbench-{shot}.png", full_page=True)


def _fits(page) -> None:
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 390, f"{page.url} scrolls sideways on a phone ({width}px)"


def test_the_handler_claims_asks_once_for_a_material_and_approves(page, phone, live_server):
    world = workbench_world.load()
    case = enterprise_case(world, workbench_world.direct)
    assert case.state == CaseState.AWAITING_ACCEPTANCE
    offline(page, live_server)

    log_in(page, live_server, "handler_sj")
    number = find_case(page, live_server, service="企业设立登记", applicant="王五")
    assert number == case.number
    claim(page, number)
    assert Case.objects.get(pk=case.pk).reviewer == world.handler_sj

    request_supplement(page, material="公司章程", reason="公司章程未经全体股东签字")
    case.refresh_from_db()
    assert case.state == CaseState.SUPPLEMENT
    assert case.supplement_items == [
        {"key": "material:1", "name": "公司章程", "reason": "公司章程未经全体股东签字"}
    ]
    _checked(page, "supplement-sent")

    open_queue(page, live_server, mine=True)
    assert number not in page.locator("table.wb-queue").inner_text()  # waiting for 王五, not for the handler
    _checked(page, "mine")

    filling.add_upload(
        case=case,
        user=world.qiye,
        material_key="material:1",
        uploaded_file=Upload(workbench_world.DEMO_PDF, "公司章程（全体股东签字）.pdf"),
    )
    review.resubmit(case=case, user=world.qiye)
    case.refresh_from_db()
    assert case.state == CaseState.IN_REVIEW and case.reviewer == world.handler_sj

    offline(phone, live_server)  # the same pages at a window's tablet or a phone: nothing scrolls sideways
    log_in(phone, live_server, "handler_sj", next_url="/workbench/mine/")
    _fits(phone)
    _checked(phone, "phone-mine")
    open_case(phone, live_server, number)
    _fits(phone)
    _checked(phone, "phone-case")

    open_case(page, live_server, number)
    _checked(page)
    approve(page, note="材料齐全，符合法定形式，准予设立登记")
    deadline = time.monotonic() + 30
    while case.state != CaseState.ARCHIVED and time.monotonic() < deadline:
        time.sleep(0.2)
        case.refresh_from_db()
    assert case.state == CaseState.ARCHIVED and case.decision == "approved"
    assert case.issued_license is not None  # the 营业执照, issued at once (同步制发)
