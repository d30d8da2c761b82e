"""A policy officer adds a rule row with two conditions in one save, in the decision table itself, and publishes."""

import pytest

from rules.models import RuleSet
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_row_with_two_conditions_is_added_in_one_save_and_published(page, live_server):
    from accounts.roles import POLICY_STAFF
    from catalogs import demo as catalog_demo
    from rules import demo as rules_demo
    from rules.services import create_draft_version

    catalog_demo.load()
    rules_demo.load()
    draft = create_draft_version(ruleset=RuleSet.objects.get(service_code="630000-MZ-0001", version=1))
    new = draft.rows.count()
    UserFactory(username="policy-browser", roles=[POLICY_STAFF], is_staff=True)

    page.goto(f"{live_server.url}/admin/login/?next=/admin/rules/ruleset/{draft.pk}/change/")
    page.fill("#id_username", "policy-browser")
    page.fill("#id_password", "pw-for-tests-1")
    page.click("input[type=submit]")
    page.set_viewport_size({"width": 1366, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") == 1366  # the decision table fits the screen

    page.locator(".decision-table .add-row a").click()
    row = f"rows-{new}"
    page.fill(f"input[name={row}-number]", "90")
    page.select_option(f"select[name={row}-outcome]", "route")
    page.select_option(f"select[name={row}-route]", "review")
    page.fill(f"textarea[name={row}-reason]", "高龄申请人在窗口办理的由人工审核")
    page.select_option(f"select[name={row}-conditions-0-fact]", "applicant.age")
    page.select_option(f"select[name={row}-conditions-0-operator]", "gte")
    page.fill(f"input[name={row}-conditions-0-value]", "80")
    page.select_option(f"select[name={row}-conditions-1-fact]", "channel")
    page.fill(f"input[name={row}-conditions-1-value]", "窗口办理")
    page.click("input[name=_continue]")
    page.locator(".messagelist .success").wait_for()

    added = draft.rows.get(number=90)
    assert [(c.fact, c.operator, c.value) for c in added.conditions.all()] == [
        ("applicant.age", "gte", "80"),
        ("channel", "eq", "窗口办理"),
    ]

    page.get_by_role("link", name="发布").click()
    assert page.input_value("input[name=effective_from]")  # a default date the date picker shows
    page.fill("input[name=effective_from]", "2027-01-01")
    page.click("input[type=submit]")
    page.get_by_text("已发布，自 2027-01-01 起生效").wait_for()
    draft.refresh_from_db()
    assert draft.status == "published" and str(draft.valid_from) == "2027-01-01"
