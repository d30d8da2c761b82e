"""Versions: draft → published with an effective date, non-overlapping windows, pinned cases, refusals."""

from datetime import date

import pytest

from catalogs import demo as catalog_demo
from rules.errors import PublishRefused, VersionConflict
from rules.models import RuleCondition, RuleRow, RuleSet, RuleTest
from rules.resolution import replay, resolve, run_rule_tests
from rules.services import create_draft_version, publish_ruleset, retire_ruleset
from tests.factories import valid_citizen_id
from tests.rules.conftest import hold

pytestmark = pytest.mark.django_db
MARRIAGE = "630000-MZ-0001"
ANSWERS = {"previously_divorced": False, "partner_id": "630102199001011234"}


def marriage_v1() -> RuleSet:
    return RuleSet.objects.get(service_code=MARRIAGE, version=1)


def stricter_v2(effective_from=date(2026, 7, 1)) -> RuleSet:
    """Version 2: the 户口簿 must always be brought on paper."""
    draft = create_draft_version(ruleset=marriage_v1())
    row = RuleRow.objects.create(
        ruleset=draft,
        number=99,
        priority=50,
        outcome="requirement",
        license_type=catalog_demo.license_type("HUKOU"),
        mode="paper",
        reason="新规：须提交户口簿原件",
    )
    RuleCondition.objects.create(row=row, fact="channel", operator="in", value="网上办理、窗口办理")
    for test in draft.tests.all():
        test.expected_modes = test.expected_modes.replace("户口簿=免提交", "户口簿=纸质")
        test.save()
    return publish_ruleset(ruleset=draft, effective_from=effective_from)


def test_publishing_version_2_leaves_a_case_pinned_to_version_1_resolving_exactly_as_before(demo_rules):
    holder = valid_citizen_id(birth="19900101")
    hold(holder, "ID")
    hold(holder, "HUKOU")
    case = resolve(service_code=MARRIAGE, holder_code=holder, answers=ANSWERS, on=date(2026, 6, 1))
    stricter_v2()
    assert replay(resolution=case) == case
    assert (
        resolve(service_code=MARRIAGE, holder_code=holder, answers=ANSWERS, on=date(2026, 6, 1), version=1)
        == case
    )
    later = resolve(service_code=MARRIAGE, holder_code=holder, answers=ANSWERS, on=date(2026, 7, 1))
    assert later["ruleset"]["version"] == 2
    assert {m["name"]: m["mode"] for m in later["materials"]}["户口簿"] == "paper"


def test_publishing_closes_the_previous_version_so_windows_never_overlap(demo_rules):
    v2 = stricter_v2(date(2026, 7, 1))
    v1 = marriage_v1()
    assert (v1.valid_from, v1.valid_until, v2.valid_from, v2.valid_until) == (
        date(2026, 1, 1),
        date(2026, 7, 1),
        date(2026, 7, 1),
        None,
    )
    assert [
        r.version for r in RuleSet.objects.effective_on(date(2026, 6, 30)).filter(service_code=MARRIAGE)
    ] == [1]
    assert [
        r.version for r in RuleSet.objects.effective_on(date(2026, 7, 1)).filter(service_code=MARRIAGE)
    ] == [2]


def test_a_version_cannot_start_before_a_published_one(demo_rules):
    draft = create_draft_version(ruleset=marriage_v1())
    with pytest.raises(PublishRefused, match="请选择更晚的生效日期"):
        publish_ruleset(ruleset=draft, effective_from=date(2026, 1, 1))


def test_a_published_version_cannot_be_published_again(demo_rules):
    with pytest.raises(VersionConflict):
        publish_ruleset(ruleset=marriage_v1(), effective_from=date(2026, 9, 1))


def test_publishing_refuses_a_ruleset_without_tests(demo_rules):
    draft = create_draft_version(ruleset=marriage_v1())
    draft.tests.all().delete()
    with pytest.raises(PublishRefused, match="没有任何测试"):
        publish_ruleset(ruleset=draft, effective_from=date(2026, 9, 1))


def test_publishing_refuses_a_ruleset_whose_tests_fail_and_names_the_test(demo_rules):
    draft = create_draft_version(ruleset=marriage_v1())
    draft.rows.filter(number=4).update(mode="paper")
    with pytest.raises(
        PublishRefused,
        match="“身份证过期转上传并人工审核”：期望“居民身份证”为“上传电子材料”，实际为“提交纸质材料”",
    ):
        publish_ruleset(ruleset=draft, effective_from=date(2026, 9, 1))
    assert RuleSet.objects.get(pk=draft.pk).is_draft


def test_publishing_refuses_an_invalid_table_naming_row_and_column(demo_rules):
    draft = create_draft_version(ruleset=marriage_v1())
    RuleCondition.objects.filter(row__ruleset=draft, row__number=7, fact="applicant.age").update(
        value="二十二"
    )
    with pytest.raises(PublishRefused, match="第7行·条件2（申请人年龄（周岁））：“二十二”不是整数"):
        publish_ruleset(ruleset=draft, effective_from=date(2026, 9, 1))


def test_a_new_version_copies_rows_conditions_and_tests(demo_rules):
    v1 = marriage_v1()
    draft = create_draft_version(ruleset=v1)
    assert (draft.version, draft.status) == (2, "draft")
    assert draft.rows.count() == v1.rows.count()
    assert (
        RuleCondition.objects.filter(row__ruleset=draft).count()
        == RuleCondition.objects.filter(row__ruleset=v1).count()
    )
    assert draft.tests.count() == v1.tests.count()
    assert create_draft_version(ruleset=v1).pk == draft.pk  # one draft per service item


def test_a_retired_version_stays_readable_and_runnable(demo_rules):
    v1 = retire_ruleset(ruleset=marriage_v1(), effective_until=date(2026, 3, 1))
    assert not v1.is_effective_on(date(2026, 3, 1)) and v1.lifecycle_label == "已废止"
    assert all(o.passed for o in run_rule_tests(ruleset=v1))


def test_a_draft_rule_test_reports_what_it_expected_and_what_it_got(demo_rules):
    draft = create_draft_version(ruleset=marriage_v1())
    RuleTest.objects.create(
        ruleset=draft,
        name="错误的期望",
        age=30,
        sex="female",
        licenses="居民身份证=有效",
        expected_modes="居民身份证=纸质",
        answers="previously_divorced=否\npartner_id=1",
    )
    outcome = next(o for o in run_rule_tests(ruleset=draft) if o.name == "错误的期望")
    assert outcome.failures == ["期望“居民身份证”为“提交纸质材料”，实际为“免提交（自动调取）”"]


def test_a_badly_written_rule_test_fails_with_the_line_it_cannot_read(demo_rules):
    draft = create_draft_version(ruleset=marriage_v1())
    RuleTest.objects.create(
        ruleset=draft, name="写错了", answers="previously_divorced=也许", expected_route="instant"
    )
    outcome = next(o for o in run_rule_tests(ruleset=draft) if o.name == "写错了")
    assert outcome.failures == ["测试写法有误：问题回答第1行（本人是否曾经离婚）：“也许”不是“是”或“否”"]
