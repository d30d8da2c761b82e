"""Reusable steps of a handler in the workbench, for browser tests that join them with the applicant's side.

Each step works on the page as a handler sees it (links, buttons and labels by their Chinese names) and waits
for the page that follows; none reaches into the database. Typical use (test (b) of issue 10)::

    log_in(page, live_server, "handler_sj")
    number = find_case(page, live_server, service="企业设立登记", applicant="王五")
    claim(page, number)
    request_supplement(page, material="公司章程", reason="公司章程未经全体股东签字")
    ...   # the applicant resubmits
    open_case(page, live_server, number)
    approve(page, note="材料齐全，准予登记")
"""

from __future__ import annotations

import os
import re

from accounts.demo import DEFAULT_DEMO_PASSWORD


def password() -> str:
    return os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)


def log_in(
    page, live_server, username: str, secret: str | None = None, *, next_url: str = "/workbench/"
) -> None:
    page.goto(f"{live_server.url}/accounts/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", secret or password())
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(re.escape(live_server.url + next_url)))


def open_queue(page, live_server, *, mine: bool = False) -> None:
    page.goto(f"{live_server.url}/workbench/{'mine/' if mine else ''}")
    page.get_by_role("heading", name=re.compile("我的任务" if mine else "部门待办")).wait_for()


def _row(page, *, service: str, applicant: str):
    return (
        page.locator("table.wb-queue tbody tr[data-number]")
        .filter(has_text=service)
        .filter(has_text=applicant)
    )


def find_case(page, live_server, *, service: str, applicant: str) -> str:
    """The number of the first case in the department's queue for this service item and applicant."""
    open_queue(page, live_server)
    row = _row(page, service=service, applicant=applicant).first
    row.wait_for()
    return row.get_attribute("data-number")


def open_case(page, live_server, number: str) -> None:
    """Open a case from the department's queue or 我的任务 by its number."""
    for mine in (False, True):
        open_queue(page, live_server, mine=mine)
        link = page.get_by_role("link", name=number, exact=True)
        if link.count():
            link.click()
            page.get_by_role("heading", name=re.compile(re.escape(number))).wait_for()
            return
    raise AssertionError(f"{number} is neither in the department's queue nor in 我的任务")


def claim(page, number: str) -> None:
    """Claim (受理) the case from the queue page it is listed on, then open it."""
    row = page.locator(f'table.wb-queue tr[data-number="{number}"]')
    row.get_by_role("button", name="认领").click()
    page.get_by_text("已认领").first.wait_for()
    page.get_by_role("link", name=number, exact=True).click()
    page.get_by_role("button", name="准予").wait_for()


def request_supplement(page, *, material: str, reason: str, note: str = "") -> None:
    """On the open case page: 一次性告知 listing one material from the case's material list, with the reason."""
    form = page.locator("#supplement-form")
    form.get_by_label(material, exact=True).check()
    form.get_by_label(f"{material}需补正的原因").fill(reason)
    if note:
        form.get_by_label("附言（可不填）").fill(note)
    form.get_by_role("button", name="发出一次性告知").click()
    page.get_by_text("已一次性告知申请人补正").wait_for()


def approve(page, *, note: str = "") -> None:
    """On the open case page: 准予; the decision document is issued in the background."""
    if note:
        page.get_by_label("审查意见（可不填）").fill(note)
    page.get_by_role("button", name="准予", exact=True).click()
    page.get_by_text("已准予，正在出具决定书").wait_for()
