"""Policy staff who switch to English get the try-it page and the ruleset admin in English; Chinese stays the default."""

import pytest
from django.test import Client

from catalogs import demo as catalog_demo
from rules.models import RuleSet
from rules.services import create_draft_version

pytestmark = pytest.mark.django_db


def staff_client(user, *, language: str | None = None) -> Client:
    client = Client()
    client.force_login(user)
    if language:
        client.cookies["django_language"] = language
    return client


def marriage() -> RuleSet:
    return RuleSet.objects.get(service_code="630000-MZ-0001", version=1)


def expired_id_card() -> dict:
    data = {
        "applicant_kind": "person",
        "age": "30",
        "sex": "female",
        "region": "630102",
        "channel": "online",
        "answer__previously_divorced": "否",
        "answer__partner_id": "630102199001011234",
    }
    for key in ("ID", "HUKOU", "DIVORCE", "RETIRE"):
        data[f"license__{catalog_demo.license_type(key).code}"] = {"ID": "expired", "HUKOU": "valid"}.get(
            key, "none"
        )
    return data


def test_the_try_it_page_and_its_resolution_are_available_in_english(demo_rules, policy_user):
    page = (
        staff_client(policy_user, language="en")
        .post(f"/rules/try/?ruleset={marriage().pk}", expired_id_card())
        .content.decode()
    )
    assert 'lang="en"' in page and "Try a ruleset" in page
    assert "Route: <strong>Manual review</strong>" in page  # engine labels are translated on display
    assert "Rule rows that applied" in page and " is one of " in page
    assert "Holds: " in page and "Not held" in page  # the sample-facts form too
    assert "用证规则试算" not in page


def test_the_try_it_page_is_chinese_without_the_switch(demo_rules, policy_user):
    page = (
        staff_client(policy_user)
        .post(f"/rules/try/?ruleset={marriage().pk}", expired_id_card())
        .content.decode()
    )
    assert 'lang="zh-hans"' in page and "用证规则试算" in page
    assert "办理路径：<strong>人工审核</strong>" in page and "生效的规则行" in page
    assert "Manual review" not in page


def test_the_ruleset_admin_is_available_in_english(demo_rules, policy_user):
    draft = create_draft_version(ruleset=marriage())
    english = (
        staff_client(policy_user, language="en")
        .get(f"/admin/rules/ruleset/{draft.pk}/change/")
        .content.decode()
    )
    assert "Run rule tests" in english and "The decision table is valid." in english
    assert "Rule rows (decision table)" in english and "Conditions (all must hold)" in english
    chinese = staff_client(policy_user).get(f"/admin/rules/ruleset/{draft.pk}/change/").content.decode()
    assert "运行规则测试" in chinese and "Run rule tests" not in chinese
