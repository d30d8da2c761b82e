"""Reusable Playwright steps of the applicant portal (issue 10), for tests that join the applicant's side to
the handler's: log in, apply for 企业设立登记 as 王五 (qiye) up to submit, answer a supplement notice, rate.

Every step goes through the pages as a person would (links, buttons, labels), checks each page with axe
(``assert_accessible``) and, when ``shots`` is given, saves a phone-size screenshot ``portal-<name>.png`` in it.
The caller sets up ``offline(page, live_server)`` if the run must prove nothing outside the app is loaded.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from tests.browser.checks import assert_accessible

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "mzb-demo-2026")
ENTERPRISE = "630000-SJ-0001"  # 企业设立登记 (catalogs/demo.py)
MARRIAGE = "630000-MZ-0001"  # 内地居民婚姻登记
# a small valid PDF for uploads (type is checked by content)
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def shot(page, shots: Path | None, name: str) -> None:
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / f"portal-{name}.png"), full_page=True)


def login(
    page, live_server, username: str, *, password: str = DEMO_PASSWORD, next_url: str = "/portal/"
) -> None:
    page.goto(f"{live_server.url}/accounts/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form [type=submit]")
    page.wait_for_url(re.compile(re.escape(next_url) + r"$"))


def case_id_from_url(page) -> int:
    match = re.search(r"/portal/cases/(\d+)/", page.url)
    assert match, f"not on a case page: {page.url}"
    return int(match.group(1))


def expect_message(page, text: str) -> None:
    """After an action the page shows its outcome; an error message is what the assertion reports."""
    page.locator("ul.messages").wait_for()
    shown = page.locator("ul.messages").inner_text()
    assert text in shown, f"expected “{text}”, the page says: {shown}"


def attach(page, material_name: str, *, content: bytes = PDF, filename: str = "材料.pdf") -> None:
    """Choose a file for one material of the form (its file input is labelled 选择文件：<material>)."""
    mime = "image/png" if content.startswith(b"\x89PNG") else "application/pdf"
    page.get_by_label(f"选择文件：{material_name}", exact=True).set_input_files(
        {"name": filename, "mimeType": mime, "buffer": content}
    )


def open_item_from_guide(
    page, live_server, *, search: str, item_name: str, shots: Path | None = None
) -> None:
    page.goto(f"{live_server.url}/portal/")
    page.get_by_label("搜索事项").fill(search)
    page.get_by_role("button", name="查找").click()
    page.get_by_role("link", name=item_name).click()
    page.get_by_role("heading", name=item_name, level=1).wait_for()
    assert_accessible(page)
    shot(page, shots, "enterprise-1-item")


def apply_for_enterprise_setup(
    page,
    live_server,
    *,
    company_name: str = "青海高原牧场科技有限公司",
    capital: str = "100",
    entity_type: str = "有限责任公司",
    legal_rep_id: str = "630102198507164517",
    shots: Path | None = None,
) -> int:
    """王五 (logged in as qiye) applies for 企业设立登记 for his enterprise up to submit; returns the case id.

    The legal representative's ID card cannot be fetched in the enterprise's name, so it is uploaded along
    with the articles of association and the proof of the premises."""
    open_item_from_guide(page, live_server, search="企业设立", item_name="企业设立登记", shots=shots)
    page.get_by_role("link", name="申请", exact=True).click()
    page.get_by_label("注册资本（万元）").fill(capital)
    page.get_by_label("企业类型").select_option(entity_type)
    page.get_by_role("button", name="查看需要准备的材料").click()
    page.get_by_role("heading", name="按您的情况，需要的材料").wait_for()
    assert_accessible(page)
    shot(page, shots, "enterprise-2-materials")
    page.get_by_role("button", name="开始申请").click()
    page.get_by_role("button", name="提交申请").wait_for()
    case_id = case_id_from_url(page)
    page.get_by_label("拟设立企业名称", exact=True).fill(company_name)
    page.get_by_label("注册资本（万元）", exact=True).fill(capital)
    page.get_by_label("住所", exact=True).fill("西宁市城西区五四西路 1 号")
    page.get_by_label("经营范围", exact=True).fill("乳制品技术开发与销售")
    page.get_by_label("联系电话", exact=True).fill("13900000000")
    for label, value in (("法定代表人", "王五"), ("法定代表人身份证号", legal_rep_id)):
        field = page.get_by_label(label, exact=True)
        if field.is_editable() and not field.input_value():  # not pre-filled from a license
            field.fill(value)
    for material in ("居民身份证", "公司章程", "住所使用证明"):
        attach(page, material, filename=f"{material}.pdf")
    assert_accessible(page)
    shot(page, shots, "enterprise-3-form")
    page.get_by_role("button", name="提交申请").click()
    expect_message(page, "申请已提交")
    assert_accessible(page)
    shot(page, shots, "enterprise-4-submitted")
    return case_id


def resubmit_supplement(page, live_server, *, case_id: int, shots: Path | None = None) -> list[str]:
    """Open the case from 我的办件, upload every material the supplement notice lists (all in one post), resubmit.

    Returns the names the notice listed."""
    page.goto(f"{live_server.url}/portal/cases/")
    page.locator(f"a[href='/portal/cases/{case_id}/']").first.click()
    page.get_by_role("heading", name="一次性告知：请补正以下全部材料").wait_for()
    assert_accessible(page)
    shot(page, shots, "enterprise-5-supplement")
    names = [n.strip() for n in page.locator("ol.supplement-items > li > strong").all_inner_texts()]
    assert names, "the supplement notice lists nothing"
    for name in names:
        attach(page, name, filename=f"补正-{name}.pdf")
    page.get_by_role("button", name="提交补正材料").click()
    expect_message(page, "补正材料已提交")
    assert_accessible(page)
    shot(page, shots, "enterprise-6-resubmitted")
    return names


def rate(page, live_server, *, case_id: int, level: str = "非常满意", comment: str = "", shots=None) -> None:
    """Rate a decided case (好差评) from its page; 不满意 and below need a comment."""
    page.goto(f"{live_server.url}/portal/cases/{case_id}/")
    page.get_by_role("heading", name="好差评").wait_for()
    page.get_by_label(level, exact=True).check()
    if comment:
        page.get_by_label("意见或建议").fill(comment)
    page.get_by_role("button", name="提交评价").click()
    expect_message(page, "感谢您的评价")
    assert_accessible(page)
    shot(page, shots, "enterprise-7-rated")
