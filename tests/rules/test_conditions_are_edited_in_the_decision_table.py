"""Policy staff add a rule row with several conditions in one save, right in the decision table; the row
page (kept for old links) offers facts in every added condition and ignores a blank extra one."""

import pytest
from django.test import Client

from rules.models import RuleSet
from rules.services import create_draft_version

from .test_admin_authoring import current_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(policy_user) -> Client:
    client = Client()
    client.force_login(policy_user)
    return client


@pytest.fixture
def draft(demo_rules) -> RuleSet:
    return create_draft_version(ruleset=RuleSet.objects.get(service_code="630000-MZ-0001", version=1))


def _with_new_row(data: dict, draft: RuleSet, *, conditions: list[tuple[str, str, str]]) -> dict:
    index = int(data["rows-TOTAL_FORMS"])
    data["rows-TOTAL_FORMS"] = index + 1
    prefix = f"rows-{index}"
    data.update(
        {
            f"{prefix}-number": 90,
            f"{prefix}-priority": 0,
            f"{prefix}-outcome": "route",
            f"{prefix}-route": "review",
            f"{prefix}-reason": "高龄申请人由窗口人工办理",
            f"{prefix}-ruleset": draft.pk,
            f"{prefix}-conditions-present": "1",
        }
    )
    for i, (fact, operator, value) in enumerate([*conditions, ("", "eq", "")]):
        data.update(
            {
                f"{prefix}-conditions-{i}-fact": fact,
                f"{prefix}-conditions-{i}-operator": operator,
                f"{prefix}-conditions-{i}-value": value,
            }
        )
    return data


def test_a_new_row_is_saved_with_two_conditions_in_one_save(staff, draft):
    url = f"/admin/rules/ruleset/{draft.pk}/change/"
    data = _with_new_row(
        current_data(staff.get(url)),
        draft,
        conditions=[("applicant.age", "gte", "80"), ("channel", "eq", "窗口办理")],
    )
    response = staff.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    row = draft.rows.get(number=90)
    assert [(c.position, c.fact, c.operator, c.value) for c in row.conditions.all()] == [
        (1, "applicant.age", "gte", "80"),
        (2, "channel", "eq", "窗口办理"),
    ]


def test_a_wrong_condition_in_the_table_is_refused_naming_row_and_condition(staff, draft):
    url = f"/admin/rules/ruleset/{draft.pk}/change/"
    data = _with_new_row(current_data(staff.get(url)), draft, conditions=[("applicant.age", "gte", "八十")])
    response = staff.post(url, data)
    assert response.status_code == 200
    assert "第90行·条件1（申请人年龄（周岁））：“八十”不是整数" in response.content.decode()
    assert not draft.rows.filter(number=90).exists()


def test_an_existing_rows_conditions_are_changed_in_the_table(staff, draft):
    url = f"/admin/rules/ruleset/{draft.pk}/change/"
    data = current_data(staff.get(url))
    index = next(i for i in range(20) if str(data.get(f"rows-{i}-number")) == "7")
    row = draft.rows.get(number=7)
    lines = [
        (c.fact, c.operator, "21" if c.fact == "applicant.age" else c.value) for c in row.conditions.all()
    ]
    data[f"rows-{index}-conditions-present"] = "1"
    for i, (fact, operator, value) in enumerate(lines):
        data.update(
            {
                f"rows-{index}-conditions-{i}-fact": fact,
                f"rows-{index}-conditions-{i}-operator": operator,
                f"rows-{index}-conditions-{i}-value": value,
            }
        )
    assert staff.post(url, data).status_code == 302
    assert row.conditions.get(fact="applicant.age").value == "21"
    assert row.conditions.count() == len(lines)


def test_every_added_condition_on_the_row_page_offers_the_facts(staff, draft):
    row = draft.rows.get(number=7)
    formset = staff.get(f"/admin/rules/rulerow/{row.pk}/change/").context["inline_admin_formsets"][0].formset
    first, second = formset.empty_form, formset.empty_form  # a new form each time it is read
    for form in (first, second):
        assert any(group for group, items in form.fields["fact"].choices[1:] if isinstance(items, list))


def test_a_row_with_conditions_saves_with_the_blank_extra_condition_left_alone(staff, draft):
    row = draft.rows.get(number=7)
    url = f"/admin/rules/rulerow/{row.pk}/change/"
    response = staff.get(url)
    data = current_data(response)
    formset = response.context["inline_admin_formsets"][0].formset
    blank = len(formset.initial_forms)
    data["conditions-TOTAL_FORMS"] = blank + 1  # the extra form as the browser posts it
    data[f"conditions-{blank}-position"] = "0"
    data[f"conditions-{blank}-fact"] = ""
    data[f"conditions-{blank}-operator"] = "eq"  # the first option, selected by the browser
    data[f"conditions-{blank}-value"] = ""
    assert staff.post(url, data).status_code == 302
    assert row.conditions.count() == blank
