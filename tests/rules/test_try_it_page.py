"""The try-it page (规则试算): sample facts in, resolution and trace out; for permitted staff only."""

import pytest
from django.test import Client

from catalogs import demo as catalog_demo
from rules.models import RuleSet

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def marriage():
    return RuleSet.objects.get(service_code="630000-MZ-0001", version=1)


def form_data(**overrides):
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
        data[f"license__{catalog_demo.license_type(key).code}"] = (
            "valid" if key in ("ID", "HUKOU") else "none"
        )
    data.update(overrides)
    return data


def test_an_applicant_may_not_use_the_try_it_page(demo_rules, applicant_user):
    assert client_for(applicant_user).get("/rules/try/").status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(demo_rules):
    assert Client().get("/rules/try/").status_code == 302


def test_policy_staff_see_the_resolution_and_the_rows_that_fired(demo_rules, policy_user):
    data = form_data(**{f"license__{catalog_demo.license_type('ID').code}": "expired"})
    text = client_for(policy_user).post(f"/rules/try/?ruleset={marriage().pk}", data).content.decode()
    assert "办理路径：<strong>人工审核</strong>" in text
    assert "您的居民身份证已过期或无效，请上传有效身份证件" in text
    assert "持有证照：居民身份证 属于（任一） 暂扣、吊销、注销、过期、未持有（实际：过期）" in text


def test_a_wrongly_typed_sample_answer_is_shown_on_its_field(demo_rules, policy_user):
    data = form_data(answer__previously_divorced="曾经")
    response = client_for(policy_user).post(f"/rules/try/?ruleset={marriage().pk}", data)
    assert response.context["form"].errors["answer__previously_divorced"] == [
        "“本人是否曾经离婚”：“曾经”不是“是”或“否”"
    ]


def test_a_trial_on_a_draft_can_be_kept_as_a_rule_test_that_passes(demo_rules, policy_user):
    from rules.resolution import run_rule_tests
    from rules.services import create_draft_version

    draft = create_draft_version(ruleset=marriage())
    data = form_data(
        test_name="窗口办理且户口簿未调取",
        channel="window",
        save_test="1",
        **{f"license__{catalog_demo.license_type('HUKOU').code}": "none"},
    )
    page = client_for(policy_user).post(f"/rules/try/?ruleset={draft.pk}", data).content.decode()
    assert page.count("已保存为规则测试“窗口办理且户口簿未调取”") == 1  # shown once, by the site layout
    saved = draft.tests.get(name="窗口办理且户口簿未调取")
    assert "户口簿=纸质" in saved.expected_modes.splitlines() and saved.channel == "window"
    assert next(o for o in run_rule_tests(ruleset=draft) if o.name == saved.name).passed


def test_a_trial_on_a_published_version_cannot_be_kept_as_a_test(demo_rules, policy_user):
    response = client_for(policy_user).post(
        f"/rules/try/?ruleset={marriage().pk}", form_data(test_name="x", save_test="1")
    )
    assert response.status_code == 403
    assert not marriage().tests.filter(name="x").exists()
