"""The rete engine, used around its traps: sessions, threads, exceptions, lists, registration."""

import threading

import pytest

from rules.engine import plain
from rules.engine.compiler import compile_table
from rules.engine.runtime import RuleEngine, RuleEngineError, _Collector
from tests.rules.tables import ID, SERVICE, row, table

PERSON = {
    "a_kind": "person",
    "a_age": 30,
    "channel": "online",
    f"l_{ID}": "valid",
    "l_11630000013926001A002": "valid",
}


def compiled(*rows, version=1):
    spec = table(*rows)
    spec["ruleset"]["version"] = version
    return compile_table(spec)


def test_more_evaluations_than_a_ruleset_has_session_slots_all_succeed():
    engine = RuleEngine(capacity=2)
    table_ = compiled(row(1, [("applicant.age", "gte", "18")]))
    results = {
        tuple(engine.fire(table_, PERSON)) for _ in range(2500)
    }  # a ruleset holds at most 1024 live sessions
    assert results == {(1,)}


def test_the_engine_starts_no_background_thread():
    before = threading.active_count()
    engine = RuleEngine()
    engine.fire(compiled(row(1)), PERSON)
    assert threading.active_count() == before


def test_a_fact_matching_no_row_yields_no_rows_and_keeps_the_process_alive():
    engine = RuleEngine()
    assert engine.fire(compiled(row(1, [("applicant.age", "gte", "60")])), PERSON) == []
    assert engine.fire(compiled(row(1, [("applicant.age", "gte", "60")])), {**PERSON, "a_age": 61}) == [1]


def test_a_list_condition_matches_each_listed_value_and_nothing_else():
    engine = RuleEngine()
    table_ = compiled(row(1, [(f"license.{ID}", "in", "过期、吊销、未持有")]))
    fired = {
        status: engine.fire(table_, {**PERSON, f"l_{ID}": status})
        for status in ("valid", "expired", "revoked", "none", "suspended")
    }
    assert fired == {"valid": [], "expired": [1], "revoked": [1], "none": [1], "suspended": []}


def test_a_condition_on_an_absent_fact_is_false_even_for_not_equal():
    engine = RuleEngine()
    table_ = compiled(row(1, [("answer.reason", "ne", "购房")]))
    assert engine.fire(table_, PERSON) == []
    assert engine.fire(table_, {**PERSON, "q_reason": "投靠"}) == [1]


def test_the_raw_engine_compares_across_types_which_is_why_facts_are_cast_first():
    engine = RuleEngine()
    table_ = compiled(row(1, [("applicant.age", "gte", "18")]))
    assert engine.fire(table_, {**PERSON, "a_age": "20"}) == [1]  # a string passes a numeric test
    assert engine.fire(table_, {**PERSON, "a_age": "5"}) == [1]  # even a five-year-old's


def test_an_action_failure_is_raised_not_left_in_the_state():
    class Failing(_Collector):
        def action(self, number):
            def run(c):
                raise ValueError("boom")

            return run

    engine = RuleEngine()
    engine.collector_class = Failing
    with pytest.raises(RuleEngineError, match="规则引擎执行失败"):
        engine.fire(compiled(row(1)), PERSON)


def test_old_rulesets_are_released_beyond_the_capacity_and_come_back_when_needed():
    engine = RuleEngine(capacity=3)
    tables = [compiled(row(1, [("applicant.age", "gte", str(10 * v))]), version=v) for v in range(1, 8)]
    first = [engine.fire(t, PERSON) for t in tables]
    assert len(engine.loaded_names) == 3 and engine.releases == 4
    assert [engine.fire(t, PERSON) for t in tables] == first


def test_one_ruleset_version_is_registered_once_however_often_it_is_used():
    engine = RuleEngine()
    for _ in range(50):
        engine.fire(compiled(row(1)), PERSON)
    assert engine.registrations == 1


def test_the_plain_python_evaluator_agrees_with_the_engine():
    engine = RuleEngine()
    table_ = compiled(
        row(1, [("applicant.age", "gte", "60"), (f"license.{ID}", "in", "过期、未持有")], mode="upload"),
        row(2, [("answer.amount", "gt", "100.5")], mode="paper", priority=2),
        row(3, [("applicant.region", "in", "630100")], outcome="route", route="review"),
    )
    cases = [
        PERSON,
        {**PERSON, "a_age": 70, f"l_{ID}": "none"},
        {**PERSON, "q_amount": 10051},
        {**PERSON, "a_region": "630102", "a_region_city": "630100", "a_region_province": "630000"},
    ]
    assert (
        [engine.fire(table_, c) for c in cases]
        == [plain.fire(table_.definition, c) for c in cases]
        == [[], [1], [2], [3]]
    )


def test_the_same_table_compiles_to_the_same_name():
    assert compiled(row(1)).name == compiled(row(1)).name != compiled(row(1, mode="paper")).name
    assert SERVICE["code"] in compiled(row(1)).name
