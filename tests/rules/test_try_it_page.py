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
    data = {"applicant_kind": "person", "age": "30", "sex": "female", "region": "630102", "channel": "online",
            "answer__previously_divorced": "否", "answer__partner_id": "630102199001011234"}
    for key in ("ID", "HUKOU", "DIVORCE", "RETIRE"):
        data[f"license__{catalog_demo.license_type(key).code}"] = "valid" if key in ("ID", "HUKOU") else "none"
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
    assert response.context["form"].errors["answer__previously_divorced"] == ["“本人是否曾经离婚”：“曾经”不是“是”或“否”"]
