"""Issue 10, acceptance (b), all through the pages: 王五 (qiye) applies for 企业设立登记 for his enterprise in the
portal on a phone; the demo handler 李审批 (handler_sj) finds it in the workbench, claims it (受理) and sends a
一次性告知 for the articles of association; 王五 uploads everything the notice lists and resubmits; the handler
approves; 王五 sees the decision, the 营业执照 is issued, and he rates the case. Both people's pages pass axe
and load nothing from outside the app; screenshots of each step are saved to docs/screenshots/."""

from pathlib import Path

import pytest

from tests.browser import portal_steps, workbench_steps
from tests.browser.checks import assert_accessible, assert_offline_ok, offline
from tests.workflows.conftest import load_world

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def demo_world(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CELERY_TASK_ALWAYS_EAGER = True
    load_world()


@pytest.fixture
def desk(browser):
    """The handler's desktop browser, a context of its own (its own session)."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_an_enterprise_case_goes_from_the_portal_through_the_workbench_and_back(
    phone, desk, live_server, demo_world
):
    from workflows.models import Case

    offline(phone, live_server)
    offline(desk, live_server)
    portal_steps.login(phone, live_server, "qiye")
    case_id = portal_steps.apply_for_enterprise_setup(phone, live_server)
    number = Case.objects.get(pk=case_id).number

    workbench_steps.log_in(desk, live_server, "handler_sj")
    assert workbench_steps.find_case(desk, live_server, service="企业设立登记", applicant="王五") == number
    assert_accessible(desk)
    _shot(desk, "journey-b-1-queue")
    workbench_steps.claim(desk, number)
    assert_accessible(desk)
    _shot(desk, "journey-b-2-case")
    workbench_steps.request_supplement(desk, material="公司章程", reason="公司章程未经全体股东签字")
    assert Case.objects.get(pk=case_id).state == "supplement"

    listed = portal_steps.resubmit_supplement(phone, live_server, case_id=case_id)
    assert listed == ["公司章程"]
    _shot(phone, "journey-b-3-resubmitted")
    assert Case.objects.get(pk=case_id).state == "in_review"

    workbench_steps.open_case(desk, live_server, number)
    workbench_steps.approve(desk, note="材料齐全，准予登记")
    _shot(desk, "journey-b-4-approved")
    case = Case.objects.get(pk=case_id)
    assert case.decision == "approved" and case.issued_license.name == "营业执照"

    phone.goto(f"{live_server.url}/portal/cases/{case_id}/")
    phone.get_by_text("准予").first.wait_for()
    portal_steps.rate(phone, live_server, case_id=case_id, level="非常满意")
    _shot(phone, "journey-b-5-rated")
    assert Case.objects.get(pk=case_id).rating.level == 5
    assert_offline_ok(phone)
    assert_offline_ok(desk)
