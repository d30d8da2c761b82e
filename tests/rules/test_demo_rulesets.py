from datetime import date

import pytest

from catalogs.models import ServiceItem
from rules import demo
from rules.models import RuleSet
from rules.resolution import resolve, run_rule_tests
from tests.factories import valid_citizen_id
from tests.rules.conftest import hold

pytestmark = pytest.mark.django_db
ON = date(2026, 6, 1)


def test_every_demo_service_item_has_a_published_ruleset_whose_tests_pass(demo_catalog):
    demo.load()
    codes = set(ServiceItem.objects.published().values_list("code", flat=True))
    rulesets = RuleSet.objects.published()
    assert set(rulesets.values_list("service_code", flat=True)) == codes
    for ruleset in rulesets:
        outcomes = run_rule_tests(ruleset=ruleset)
        assert outcomes and all(o.passed for o in outcomes), (
            ruleset,
            [o.as_dict() for o in outcomes if not o.passed],
        )


def test_loading_the_demo_twice_changes_nothing(demo_catalog):
    demo.load()
    before = list(RuleSet.objects.values_list("service_code", "version", "spec_hash"))
    assert demo.load() == 0
    assert list(RuleSet.objects.values_list("service_code", "version", "spec_hash")) == before


def test_marriage_registration_fetches_both_id_and_hukou_for_a_first_marriage(demo_catalog):
    demo.load()
    holder = valid_citizen_id(birth="19900101")
    hold(holder, "ID")
    hold(holder, "HUKOU")
    resolution = resolve(
        service_code="630000-MZ-0001",
        holder_code=holder,
        answers={"previously_divorced": False, "partner_id": "630102199001011234"},
        on=ON,
    )
    modes = {m["name"]: m["mode"] for m in resolution["materials"]}
    assert modes["居民身份证"] == "auto" and modes["户口簿"] == "auto" and modes["离婚证"] == "exempt"
    assert resolution["route"]["route"] == "instant"
