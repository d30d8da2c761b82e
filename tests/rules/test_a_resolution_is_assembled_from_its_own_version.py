"""What a resolution takes from its table is worked out once per compiled version (rules.assembly): a
new version is resolved with its own texts, the old one keeps its own, and a caller changing a
resolution changes nothing in the next one."""

import copy
from datetime import date

import pytest

from rules.engine.compiler import compile_table
from rules.evaluation import resolve_facts
from rules.models import RuleRow, RuleSet
from rules.resolution import resolve
from rules.services import create_draft_version, publish_ruleset
from tests.factories import valid_citizen_id
from tests.rules.conftest import hold
from tests.rules.tables import HUKOU, ID, row, table

MARRIAGE = "630000-MZ-0001"
FIRST_MARRIAGE = {"previously_divorced": False, "partner_id": "630102199001011234"}
EXPIRED_ID_ROW = 4  # 居民身份证 upload when the ID card is not valid (the demo's marriage table)
EXPIRED_ID_ROUTE_ROW = 5


def id_card(resolution: dict) -> dict:
    return next(m for m in resolution["materials"] if m["name"] == "居民身份证")


@pytest.mark.django_db
def test_a_republished_version_is_resolved_with_its_own_reasons_not_the_previous_versions(demo_rules):
    holder = valid_citizen_id(birth="19900101")
    hold(holder, "ID", "expired")
    hold(holder, "HUKOU")
    before = resolve(service_code=MARRIAGE, holder_code=holder, answers=FIRST_MARRIAGE, on=date(2026, 6, 1))
    draft = create_draft_version(ruleset=RuleSet.objects.get(service_code=MARRIAGE, version=1))
    RuleRow.objects.filter(ruleset=draft, number=EXPIRED_ID_ROW).update(
        reason="新规：身份证件无效时请上传临时身份证"
    )
    RuleRow.objects.filter(ruleset=draft, number=EXPIRED_ID_ROUTE_ROW).update(reason="新规：窗口核验身份")
    publish_ruleset(ruleset=draft, effective_from=date(2026, 7, 1))

    after = resolve(service_code=MARRIAGE, holder_code=holder, answers=FIRST_MARRIAGE, on=date(2026, 7, 1))
    again = resolve(service_code=MARRIAGE, holder_code=holder, answers=FIRST_MARRIAGE, on=date(2026, 6, 1))

    assert (after["ruleset"]["version"], id_card(after)["row"]) == (2, EXPIRED_ID_ROW)
    assert id_card(after)["reason"] == "新规：身份证件无效时请上传临时身份证"
    assert (after["route"]["row"], after["route"]["reason"]) == (EXPIRED_ID_ROUTE_ROW, "新规：窗口核验身份")
    assert (
        id_card(before)["reason"]
        == id_card(again)["reason"]
        == "您的居民身份证已过期或无效，请上传有效身份证件"
    )
    assert again["route"]["reason"] == before["route"]["reason"] == "身份证件无效，需窗口人工核验"


def test_changing_a_resolution_changes_nothing_in_the_next_one():
    compiled = compile_table(
        table(
            row(1, [(f"license.{ID}", "in", "过期、未持有")], mode="upload", reason="请上传身份证"),
            row(2, [("answer.reason", "eq", "购房")], license_type=HUKOU, mode="paper"),
            row(3, [("applicant.age", "gte", "60")], outcome="route", route="review", reason="人工核验"),
            row(4, [("applicant.age", "gte", "60")], outcome="fee_exemption", reason="老年人免费"),
        )
    )
    facts = {"a_kind": "person", "a_age": 70, "channel": "online", f"l_{ID}": "none", "q_reason": "购房"}
    first = resolve_facts(compiled, facts)
    expected = copy.deepcopy(first)

    for material in first["materials"]:
        material.update(mode="exempt", reason="changed", row=99)
    first["route"].update(route="instant", reason="changed")
    first["service"]["name"] = "changed"
    first["fee_exemption_reasons"].append("changed")
    for entry in first["trace"]:
        entry["applied"] = False
        entry["outcome"] = "changed"
        for condition in entry["conditions"]:
            condition.update(expected="changed", actual="changed")
    first["ruleset"]["version"] = 99

    assert [t["row"] for t in expected["trace"]] == [1, 2, 3, 4]
    assert resolve_facts(compiled, facts) == expected
