"""Policy staff author decision tables in the admin; saving an invalid table is refused in Chinese."""

import pytest
from django.test import Client

from rules.models import RuleSet
from rules.services import create_draft_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(policy_user) -> Client:
    client = Client()
    client.force_login(policy_user)
    return client


@pytest.fixture
def draft(demo_rules) -> RuleSet:
    return create_draft_version(ruleset=RuleSet.objects.get(service_code="630000-MZ-0001", version=1))


def current_data(response) -> dict:
    """Everything the admin change form would post back unchanged (main form and inline formsets)."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = getattr(value, "pk", value) if value is not None else ""
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{formset.prefix}-{name}"] = management.initial.get(name, management[name].value())
        data[f"{formset.prefix}-TOTAL_FORMS"] = len(formset.initial_forms)
        for sub in formset.initial_forms:
            for name, field in sub.fields.items():
                value = sub.initial.get(name, field.initial)
                if value is None or name == "DELETE":
                    continue
                data[f"{sub.prefix}-{name}"] = getattr(value, "pk", value)
    return {k: v for k, v in data.items() if v is not None}


def test_the_ruleset_page_shows_the_decision_table_in_chinese(staff, draft):
    response = staff.get(f"/admin/rules/ruleset/{draft.pk}/change/")
    text = response.content.decode()
    assert response.status_code == 200
    assert '" selected>持有证照：离婚证</option>' in text  # conditions are edited in the table itself
    assert 'value="暂扣、吊销、注销、过期、未持有"' in text
    assert "决策表校验通过" in text
    published = RuleSet.objects.get(service_code=draft.service_code, version=1)
    published = staff.get(f"/admin/rules/ruleset/{published.pk}/change/").content.decode()
    assert "持有证照：离婚证 属于（任一） 暂扣、吊销、注销、过期、未持有" in published


def test_a_wrongly_typed_condition_value_is_refused_on_save_naming_row_and_column(staff, draft):
    row = draft.rows.get(number=7)
    url = f"/admin/rules/rulerow/{row.pk}/change/"
    data = current_data(staff.get(url))
    index = next(i for i in range(5) if data.get(f"conditions-{i}-fact") == "applicant.age")
    data[f"conditions-{index}-value"] = "二十"
    response = staff.post(url, data)
    assert response.status_code == 200
    assert (
        "第7行·条件2（申请人年龄（周岁））：“二十”不是整数，请填写阿拉伯数字，如 18"
        in response.content.decode()
    )
    assert row.conditions.get(fact="applicant.age").value == "22"


def test_a_valid_condition_change_is_saved(staff, draft):
    row = draft.rows.get(number=7)
    url = f"/admin/rules/rulerow/{row.pk}/change/"
    data = current_data(staff.get(url))
    index = next(i for i in range(5) if data.get(f"conditions-{i}-fact") == "applicant.age")
    data[f"conditions-{index}-value"] = "21"
    assert staff.post(url, data).status_code == 302
    assert row.conditions.get(fact="applicant.age").value == "21"


def test_equal_priority_rows_with_different_modes_are_refused_on_save(staff, draft):
    url = f"/admin/rules/ruleset/{draft.pk}/change/"
    data = current_data(staff.get(url))
    index = next(i for i in range(20) if str(data.get(f"rows-{i}-number")) == "2")
    data[f"rows-{index}-priority"] = 10
    response = staff.post(url, data)
    assert response.status_code == 200
    assert (
        "第2行·提交方式：与第1行优先级相同（10），条件可能同时满足，却对“离婚证”给出不同结果"
        in response.content.decode()
    )
    assert draft.rows.get(number=2).priority == 20


def test_a_published_ruleset_cannot_be_changed(staff, demo_rules):
    published = RuleSet.objects.get(service_code="630000-MZ-0001", version=1)
    assert staff.post(f"/admin/rules/ruleset/{published.pk}/change/", {"title": "改"}).status_code == 403
    row = published.rows.get(number=1)
    assert staff.post(f"/admin/rules/rulerow/{row.pk}/change/", {"priority": 1}).status_code == 403


def test_publishing_from_the_admin_refuses_a_ruleset_without_tests(staff, draft):
    draft.tests.all().delete()
    response = staff.post(f"/admin/rules/ruleset/{draft.pk}/publish/", {"effective_from": "2026-09-01"})
    assert "规则集没有任何测试，不能发布" in response.content.decode()
    assert RuleSet.objects.get(pk=draft.pk).is_draft


def test_publishing_from_the_admin_freezes_the_draft(staff, draft):
    response = staff.post(f"/admin/rules/ruleset/{draft.pk}/publish/", {"effective_from": "2026-09-01"})
    assert response.status_code == 302
    assert RuleSet.objects.get(pk=draft.pk).status == "published"


def test_the_rule_test_page_lists_each_test_with_its_result(staff, draft):
    draft.rows.filter(number=4).update(mode="paper")
    text = staff.get(f"/admin/rules/ruleset/{draft.pk}/tests/").content.decode()
    assert "✅ 通过" in text and "期望“居民身份证”为“上传电子材料”，实际为“提交纸质材料”" in text


def test_a_handler_cannot_publish(demo_rules, handler_user, draft):
    client = Client()
    client.force_login(handler_user)
    assert (
        client.post(f"/admin/rules/ruleset/{draft.pk}/publish/", {"effective_from": "2026-09-01"}).status_code
        == 403
    )


def test_policy_staff_start_a_ruleset_for_a_catalog_item_in_the_admin(staff, demo_rules):
    from tests.factories import ServiceItemFactory

    item = ServiceItemFactory(code="630000-TEST-0099")
    data = {
        "service_code": item.code,
        "title": "新事项规则",
        "default_route": "review",
        "rows-TOTAL_FORMS": 0,
        "rows-INITIAL_FORMS": 0,
        "tests-TOTAL_FORMS": 0,
        "tests-INITIAL_FORMS": 0,
    }
    assert staff.post("/admin/rules/ruleset/add/", data).status_code == 302
    created = RuleSet.objects.get(service_code=item.code)
    assert (created.version, created.status, created.title) == (1, "draft", "新事项规则")


def test_a_ruleset_for_an_unknown_service_code_is_refused(staff, demo_rules):
    data = {
        "service_code": "630000-NONE-0001",
        "title": "",
        "default_route": "review",
        "rows-TOTAL_FORMS": 0,
        "rows-INITIAL_FORMS": 0,
        "tests-TOTAL_FORMS": 0,
        "tests-INITIAL_FORMS": 0,
    }
    response = staff.post("/admin/rules/ruleset/add/", data)
    assert "目录中没有编码为 630000-NONE-0001 的事项" in response.content.decode()


def test_a_rule_test_with_an_unreadable_line_is_refused_on_save(staff, draft):
    url = f"/admin/rules/ruleset/{draft.pk}/change/"
    data = current_data(staff.get(url))
    data["tests-0-licenses"] = "居民身份证=快过期"
    response = staff.post(url, data)
    assert response.status_code == 200
    assert "持有证照第1行（居民身份证）：“快过期”不是可选值" in response.content.decode()
