"""王五 (qiye) through the portal steps of tests/browser/portal_steps.py: applies for 企业设立登记 for his
enterprise, answers the supplement notice listing everything at once, and rates the decided case. The handler's
side here is the case services themselves (claim, 一次性告知, approve) — the workbench's pages join them in the
coordinator's end-to-end test; nothing of the case's state is faked. Every page passes axe and stays offline."""

from pathlib import Path

import pytest

from tests.browser.checks import assert_offline_ok, offline
from tests.browser.portal_steps import (
    ENTERPRISE,
    apply_for_enterprise_setup,
    login,
    rate,
    resubmit_supplement,
)
from tests.workflows.conftest import load_world

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def demo_world(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CELERY_TASK_ALWAYS_EAGER = True
    load_world()


def test_wangwu_applies_for_his_enterprise_resubmits_after_a_supplement_and_rates(
    phone, live_server, demo_world
):
    from accounts.models import User
    from workflows.models import Case
    from workflows.services import review

    offline(phone, live_server)
    login(phone, live_server, "qiye")
    case_id = apply_for_enterprise_setup(phone, live_server, shots=SHOTS)
    case = Case.objects.get(pk=case_id)
    assert case.service_code == ENTERPRISE and case.state == "awaiting_acceptance"
    assert case.holder_code == User.objects.get(username="qiye").holder_code  # the enterprise applies

    handler = User.objects.get(username="handler_sj")
    review.claim(case=case, user=handler)
    review.request_supplement(
        case=Case.objects.get(pk=case_id),
        user=handler,
        items=[
            {"key": "material:1", "reason": "章程未经全体股东签字"},
            {"name": "股东会决议", "reason": "清单外材料，需补充"},
        ],
    )
    listed = resubmit_supplement(phone, live_server, case_id=case_id, shots=SHOTS)
    assert listed == ["公司章程", "股东会决议"]  # 一次性告知: everything at once
    assert Case.objects.get(pk=case_id).state == "in_review"

    review.approve(case=Case.objects.get(pk=case_id), user=handler, note="材料齐全，准予登记")
    assert Case.objects.get(pk=case_id).decision == "approved"
    rate(phone, live_server, case_id=case_id, level="满意", shots=SHOTS)
    assert Case.objects.get(pk=case_id).rating.level == 4
    assert_offline_ok(phone)
