"""Validation of a decision table: each error names the row and the column, in Chinese."""

import pytest

from rules.table import TableInvalid
from tests.rules.tables import HUKOU, ID, SERVICE, row, table


def errors_of(*rows, **kwargs) -> list[str]:
    with pytest.raises(TableInvalid) as caught:
        table(*rows, **kwargs)
    return [str(error) for error in caught.value.errors]


def test_an_unknown_fact_is_refused_naming_row_and_column():
    assert errors_of(row(3, [("answer.salary", "gt", "10")])) == [
        "第3行·条件1：未知的事实“answer.salary”：请从列表中选择申请人、问题、证照或渠道"
    ]


def test_an_unknown_license_type_in_a_condition_is_refused():
    assert errors_of(row(1, [("license.11630000013926009X001", "eq", "有效")])) == [
        "第1行·条件1：未知的证照类型“11630000013926009X001”"
    ]


def test_an_unknown_license_type_in_an_outcome_is_refused():
    assert errors_of(row(2, license_type="11630000013926009X001")) == [
        "第2行·证照类型：未知或已停用的证照类型“11630000013926009X001”"
    ]


def test_an_operator_that_does_not_fit_the_facts_type_is_refused():
    (error,) = errors_of(row(1, [("answer.divorced", "lt", "是")]))
    assert error.startswith("第1行·条件1（问题：是否曾经离婚）：运算符“小于”不适用于该事实")


def test_a_chinese_numeral_for_an_int_is_refused():
    assert errors_of(row(4, [("applicant.age", "gte", "二十")])) == [
        "第4行·条件1（申请人年龄（周岁））：“二十”不是整数，请填写阿拉伯数字，如 18"
    ]


def test_a_choice_value_that_does_not_exist_is_refused():
    (error,) = errors_of(row(1, [("answer.reason", "eq", "升学")]))
    assert error == "第1行·条件1（问题：原因）：“升学”不是可选值（可选：投靠、购房）"


def test_an_amount_with_three_decimals_is_refused():
    (error,) = errors_of(row(1, [("answer.amount", "gt", "1.005")]))
    assert "最多两位小数" in error and error.startswith("第1行·条件1（问题：金额）")


def test_equal_priority_rows_giving_different_modes_for_one_license_are_refused():
    (error,) = errors_of(
        row(1, [("answer.divorced", "eq", "是")], mode="upload"),
        row(2, [("applicant.age", "gte", "60")], mode="paper"),
    )
    assert error.startswith(
        "第2行·提交方式：与第1行优先级相同（0），条件可能同时满足，却对“居民身份证”给出不同结果"
    )


def test_equal_priority_rows_that_can_never_both_hold_may_differ():
    spec = table(
        row(1, [("applicant.age", "lt", "60")], mode="upload"),
        row(2, [("applicant.age", "gte", "60")], mode="paper"),
    )
    assert [r["outcome"]["mode"] for r in spec["rows"]] == ["upload", "paper"]


def test_different_priorities_settle_a_conflict():
    spec = table(
        row(1, [], mode="upload", priority=1),
        row(2, [("applicant.age", "gte", "60")], mode="paper", priority=2),
    )
    assert len(spec["rows"]) == 2


def test_a_row_with_contradictory_conditions_is_unreachable():
    (error,) = errors_of(row(5, [("applicant.age", "lt", "18"), ("applicant.age", "gt", "60")]))
    assert error.startswith("第5行·条件：没有任何申请能同时满足本行的全部条件")


def test_a_row_testing_a_persons_age_on_an_enterprise_item_is_unreachable():
    service = {**SERVICE, "applicant_kind": "enterprise"}
    (error,) = errors_of(row(1, [("applicant.age", "gte", "18")]), service=service)
    assert "永远不会生效" in error


def test_a_license_that_must_be_both_held_and_missing_is_unreachable():
    (error,) = errors_of(
        row(1, [(f"license.{HUKOU}", "eq", "有效"), (f"license.{HUKOU}", "in", "未持有、过期")])
    )
    assert error.startswith("第1行·条件")


def test_a_valid_table_stores_typed_values():
    spec = table(
        row(
            1,
            [
                ("applicant.age", "gte", "60"),
                ("answer.divorced", "eq", "是"),
                ("answer.amount", "gt", "9.5"),
                (f"license.{ID}", "in", "过期、吊销"),
            ],
        )
    )
    assert [c["values"] for c in spec["rows"][0]["conditions"]] == [
        [60],
        [True],
        [950],
        ["expired", "revoked"],
    ]


def test_every_error_of_a_table_is_reported_at_once():
    errors = errors_of(row(1, [("applicant.age", "gte", "二十")]), row(2, [("answer.reason", "eq", "升学")]))
    assert [e[:3] for e in errors] == ["第1行", "第2行"]


def test_equal_priority_route_rows_sending_one_case_two_ways_are_refused():
    (error,) = errors_of(
        row(1, [("applicant.age", "gte", "60")], outcome="route", route="review"),
        row(2, [("answer.divorced", "eq", "是")], outcome="route", route="instant"),
    )
    assert error.startswith("第2行·办理路径：与第1行优先级相同（0）")
