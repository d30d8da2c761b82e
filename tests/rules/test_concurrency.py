"""Four threads resolving at once give the same answers as one thread."""

import random
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.db import connection

from rules import selectors
from rules.evaluation import resolve_facts
from rules.models import RuleSet
from rules.resolution import resolve, rule_test_cases
from rules.ruletests import parse_case
from tests.factories import valid_citizen_id
from tests.rules.conftest import hold


def demo_cases():
    cases = []
    for ruleset in RuleSet.objects.published():
        compiled = selectors.compiled_ruleset(ruleset)
        for case in rule_test_cases(ruleset):
            facts, _expected, _extras, problems = parse_case(case, compiled.spec)
            assert not problems
            cases.append((compiled, facts))
    return cases


@pytest.mark.django_db
def test_four_threads_resolving_the_demo_rulesets_at_once_agree_with_one_thread(demo_rules):
    cases = demo_cases()
    expected = [resolve_facts(compiled, facts) for compiled, facts in cases]
    start = threading.Barrier(4)

    def worker(seed: int) -> list[tuple[int, dict]]:
        order = list(range(len(cases))) * 5
        random.Random(seed).shuffle(order)
        start.wait()
        return [(i, resolve_facts(*cases[i])) for i in order]

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = [item for chunk in pool.map(worker, range(4)) for item in chunk]
    assert len(results) == 4 * 5 * len(cases)
    assert all(resolution == expected[i] for i, resolution in results)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_four_threads_resolving_through_the_database_agree_with_one_thread():
    from catalogs import demo as catalog_demo
    from rules import demo as rules_demo

    catalog_demo.load()
    rules_demo.load()
    holders = []
    for index, key_status in enumerate(
        [("ID", "valid"), ("ID", "expired"), ("HUKOU", "none"), ("RETIRE", "valid")]
    ):
        holder = valid_citizen_id(region="630100", birth=f"19{50 + index * 10}0101")
        hold(holder, "ID", key_status[1] if key_status[0] == "ID" else "valid")
        hold(holder, "HUKOU", "valid")
        if key_status[0] == "RETIRE":
            hold(holder, "RETIRE")
        holders.append(holder)
    answers = {"previously_divorced": True, "partner_id": "630102199001011234"}
    one = {
        h: resolve(service_code="630000-MZ-0001", holder_code=h, answers=answers, on=date(2026, 6, 1))
        for h in holders
    }

    def worker(holder):
        try:
            return [
                resolve(
                    service_code="630000-MZ-0001", holder_code=holder, answers=answers, on=date(2026, 6, 1)
                )
                for _ in range(20)
            ]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        many = dict(zip(holders, pool.map(worker, holders), strict=True))
    assert all(result == one[h] for h in holders for result in many[h])
