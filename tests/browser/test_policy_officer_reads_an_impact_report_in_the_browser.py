"""A policy officer opens the impact analysis from a draft in the ruleset admin, follows a run's progress bar
(polled by impact/progress.js) until it finishes, and reads the report — accessible, offline, on a phone too.
Saves docs/screenshots/impact-report.png."""

from pathlib import Path

import pytest

from tests.browser.checks import assert_accessible, assert_offline_ok, offline
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "impact-report.png"


@pytest.fixture
def draft_with_past_cases(settings):
    from accounts.roles import APPLICANT, POLICY_STAFF
    from catalogs import demo as catalog_demo
    from catalogs.models import ServiceItem
    from rules import demo as rules_demo
    from rules.models import RuleSet
    from rules.services import create_draft_version, replace_row_conditions
    from rules.table import ConditionInput
    from tests.impact import past_cases

    settings.RULES_LICENSE_INDEX_PROVIDER = "tests.impact.past_cases.holder_index"
    catalog_demo.load()
    rules_demo.load()
    item = ServiceItem.objects.published().select_related("department").get(code=past_cases.MARRIAGE)
    applicant = UserFactory(roles=[APPLICANT])
    past_cases.insert_cases(count=400, item=item, applicant=applicant, days_back=30, distinct=300)
    past_cases.HOLDINGS.clear()
    published = RuleSet.objects.published().get(service_code=past_cases.MARRIAGE)
    draft = create_draft_version(ruleset=published)
    draft.rows.filter(number=6).update(mode="upload")  # no e-户口簿: upload instead of bringing paper
    row = draft.rows.get(number=7)  # men under 22 → review: now under 25
    conditions = [ConditionInput(c.fact, c.operator, c.value) for c in row.conditions.all()]
    conditions[1] = ConditionInput("applicant.age", "lt", "25")
    replace_row_conditions(row=row, conditions=conditions)
    UserFactory(username="policy-impact", real_name="赵政策", roles=[POLICY_STAFF], is_staff=True)
    return draft


def test_the_report_follows_the_progress_and_shows_what_the_draft_would_change(
    page, phone, live_server, draft_with_past_cases
):
    from django.utils import timezone

    from accounts.models import User
    from impact.models import ImpactRun
    from impact.services import cases_in_range, run_impact

    draft = draft_with_past_cases
    blocked = offline(page, live_server)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/rules/ruleset/{draft.pk}/change/")
    page.fill("#id_username", "policy-impact")
    page.fill("#id_password", "pw-for-tests-1")
    page.click("input[type=submit]")
    page.get_by_role("link", name="影响分析").click()
    assert page.locator("select[name=ruleset]").input_value() == str(draft.pk)
    assert_accessible(page)

    # a queued run, as a worker would find it: the page polls its progress and reloads once it is done
    now = timezone.now()
    from rules.resolution import draft_spec
    from rules.table import spec_hash

    spec = draft_spec(ruleset=draft)
    run = ImpactRun(
        ruleset=draft,
        service_code=draft.service_code,
        ruleset_version=draft.version,
        spec=spec,
        spec_hash=spec_hash(spec),
        days=30,
        since=now - timezone.timedelta(days=30),
        until=now,
        started_by=User.objects.get(username="policy-impact"),
    )
    run.total = cases_in_range(run=run).count()
    run.save()
    page.goto(f"{live_server.url}/impact/{run.pk}/")
    assert page.locator("#impact-progress").get_attribute("value") == "0"
    assert_accessible(page)
    assert run_impact(run_pk=run.pk) == "done"
    page.get_by_role("heading", name="汇总").wait_for(
        timeout=20_000
    )  # progress.js saw "finished" and reloaded
    run.refresh_from_db()
    assert page.locator(".impact-figures").inner_text().count(str(run.totals["changed"])) >= 1
    assert page.get_by_text("户口簿").first.is_visible()
    assert page.get_by_role("cell", name="即办（秒批）").first.is_visible()
    assert_accessible(page)
    assert_offline_ok(page)
    assert not blocked
    page.set_viewport_size({"width": 1280, "height": 1100})
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)

    # on a phone: one card per changed case, nothing wider than the screen
    phone.goto(f"{live_server.url}/admin/login/?next=/impact/{run.pk}/")
    phone.fill("#id_username", "policy-impact")
    phone.fill("#id_password", "pw-for-tests-1")
    phone.click("input[type=submit]")
    phone.get_by_role("heading", name="汇总").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(phone)
