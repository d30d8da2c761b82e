"""Type traps are refused before anything reaches the engine, and every error names its field."""

import pytest

from rules.errors import AnswersInvalid
from rules.evaluation import cast_answers
from tests.rules.tables import row, table

SPEC = table(row(1, [("answer.children", "gte", "18")]))


def problems(answers, **kwargs) -> dict[str, str]:
    with pytest.raises(AnswersInvalid) as caught:
        cast_answers(SPEC, answers, **kwargs)
    return {p["name"]: p["reason"] for p in caught.value.params}


def test_a_string_for_an_int_question_is_refused_naming_the_field():
    assert problems({"divorced": False, "children": "20"}) == {
        "answers.children": "“子女数”应为整数，文本“20”不是整数"
    }


def test_an_empty_answer_to_a_required_question_is_refused_naming_the_field():
    assert problems({"divorced": ""}) == {"answers.divorced": "“是否曾经离婚”为必答，不能为空"}


@pytest.mark.parametrize("amount", [1e-05, "1e-05", "0.001", 12.345])
def test_an_amount_with_more_than_two_decimals_is_refused_naming_the_field(amount):
    assert list(problems({"divorced": True, "amount": amount})) == ["answers.amount"]


def test_an_amount_with_two_decimals_is_kept_exactly_as_cents():
    assert cast_answers(SPEC, {"divorced": True, "amount": "1234.56"})["amount"] == 123456


def test_a_string_for_a_bool_question_is_refused():
    assert problems({"divorced": "true"}) == {
        "answers.divorced": "“是否曾经离婚”应为“是”或“否”（true/false）"
    }


def test_a_bool_for_an_int_question_is_refused():
    assert list(problems({"divorced": True, "children": True})) == ["answers.children"]


def test_a_choice_outside_its_list_is_refused():
    assert "不是可选值" in problems({"divorced": True, "reason": "升学"})["answers.reason"]


def test_an_answer_to_an_unknown_question_is_refused():
    assert problems({"divorced": True, "salary": 3}) == {"answers.salary": "本事项没有标识为“salary”的问题"}


def test_an_unknown_channel_is_refused():
    assert list(problems({"divorced": True}, channel="phone")) == ["channel"]


def test_every_bad_answer_is_reported_at_once():
    assert set(problems({"children": "20", "amount": 1e-05})) == {
        "answers.divorced",
        "answers.children",
        "answers.amount",
    }
