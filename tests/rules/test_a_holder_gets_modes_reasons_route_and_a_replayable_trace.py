"""Resolving the demo rulesets for a holder: modes with reasons, route, fee exemption, trace, replay."""

import json
from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured

from rules.errors import HolderInvalid
from rules.resolution import replay, resolve
from tests.factories import valid_citizen_id
from tests.rules.conftest import CALLS, hold

pytestmark = pytest.mark.django_db
ON = date(2026, 6, 1)
MARRIAGE = "630000-MZ-0001"
FIRST_MARRIAGE = {"previously_divorced": False, "partner_id": "630102199001011234"}


def citizen(birth="19900101", *held, region="630102"):  # stdnum knows 630102 only from 1980s births
    holder = valid_citizen_id(region=region, birth=birth)
    for key, status in held:
        hold(holder, key, status)
    return holder


def modes(resolution) -> dict[str, str]:
    return {m["name"]: m["mode"] for m in resolution["materials"]}


def test_a_previously_divorced_applicant_without_an_e_divorce_certificate_uploads_it_and_is_reviewed(
    demo_rules,
):
    holder = citizen("19900101", ("ID", "valid"), ("HUKOU", "valid"))
    resolution = resolve(
        service_code=MARRIAGE,
        holder_code=holder,
        answers={**FIRST_MARRIAGE, "previously_divorced": True},
        on=ON,
    )
    divorce = next(m for m in resolution["materials"] if m["name"] == "离婚证")
    assert (divorce["mode"], divorce["required"], divorce["row"]) == ("upload", True, 2)
    assert resolution["route"]["route"] == "review"


def test_a_previously_divorced_applicant_holding_an_e_divorce_certificate_has_it_fetched(demo_rules):
    holder = citizen("19900101", ("ID", "valid"), ("HUKOU", "valid"), ("DIVORCE", "valid"))
    resolution = resolve(
        service_code=MARRIAGE,
        holder_code=holder,
        answers={**FIRST_MARRIAGE, "previously_divorced": True},
        on=ON,
    )
    assert modes(resolution)["离婚证"] == "auto"
    assert resolution["route"]["route"] == "instant"


def test_an_expired_id_card_turns_to_upload_and_routes_to_review(demo_rules):
    holder = citizen("19900101", ("ID", "expired"), ("HUKOU", "valid"))
    resolution = resolve(service_code=MARRIAGE, holder_code=holder, answers=FIRST_MARRIAGE, on=ON)
    assert modes(resolution)["居民身份证"] == "upload"
    assert (resolution["route"]["route"], resolution["route"]["reason"]) == (
        "review",
        "身份证件无效，需窗口人工核验",
    )


def test_the_best_license_of_a_type_speaks_for_the_holder(demo_rules):
    holder = citizen("19900101", ("ID", "expired"), ("ID", "valid"), ("HUKOU", "valid"))
    assert (
        modes(resolve(service_code=MARRIAGE, holder_code=holder, answers=FIRST_MARRIAGE, on=ON))["居民身份证"]
        == "auto"
    )


def test_an_applicant_over_60_holding_a_retirement_certificate_is_exempt_from_the_fee(demo_rules):
    holder = citizen("19600315", ("ID", "valid"), ("HUKOU", "valid"), ("RETIRE", "valid"), region="630100")
    resolution = resolve(service_code=MARRIAGE, holder_code=holder, answers=FIRST_MARRIAGE, on=ON)
    assert resolution["fee_exempt"] is True
    assert resolution["fee_exemption_reasons"] == ["60周岁以上的退休人员免收婚姻登记证书工本费"]


def test_age_is_taken_from_the_citizen_id_on_the_resolution_date(demo_rules):
    holder = citizen("19660601", ("ID", "valid"), ("HUKOU", "valid"), ("RETIRE", "valid"), region="630100")
    assert (
        resolve(service_code=MARRIAGE, holder_code=holder, answers=FIRST_MARRIAGE, on=date(2026, 5, 31))[
            "fee_exempt"
        ]
        is False
    )
    assert (
        resolve(service_code=MARRIAGE, holder_code=holder, answers=FIRST_MARRIAGE, on=date(2026, 6, 1))[
            "fee_exempt"
        ]
        is True
    )


def test_the_trace_names_each_fired_row_with_the_facts_it_read(demo_rules):
    holder = citizen("19900101", ("ID", "expired"), ("HUKOU", "valid"))
    resolution = resolve(service_code=MARRIAGE, holder_code=holder, answers=FIRST_MARRIAGE, on=ON)
    assert [t["row"] for t in resolution["trace"]] == [4, 5]
    condition = resolution["trace"][0]["conditions"][0]
    assert (condition["label"], condition["operator"], condition["actual"]) == (
        "持有证照：居民身份证",
        "属于（任一）",
        "过期",
    )
    hukou = next(m for m in resolution["materials"] if m["name"] == "户口簿")
    assert (hukou["decided_by"], hukou["row"]) == ("catalog_default", None)


def test_a_resolution_is_plain_json_and_replays_exactly(demo_rules):
    holder = citizen("19900101", ("ID", "expired"), ("HUKOU", "valid"))
    resolution = resolve(service_code=MARRIAGE, holder_code=holder, answers=FIRST_MARRIAGE, on=ON)
    stored = json.loads(json.dumps(resolution))
    assert replay(resolution=stored) == resolution


def test_an_enterprise_holder_is_resolved_without_person_facts(demo_rules):
    from accounts.demo import enterprise_uscc

    holder = enterprise_uscc(77)
    hold(holder, "BIZ", "revoked")
    resolution = resolve(service_code="630000-SJ-0002", holder_code=holder, answers={"site_area": 80}, on=ON)
    assert resolution["facts"]["a_kind"] == "enterprise" and "a_age" not in resolution["facts"]
    assert modes(resolution)["营业执照"] == "upload" and resolution["route"]["route"] == "review"


def test_the_license_index_is_asked_for_the_holder_on_the_resolution_date(demo_rules):
    holder = citizen("19900101")
    resolve(service_code=MARRIAGE, holder_code=holder, answers=FIRST_MARRIAGE, on=ON)
    assert CALLS == [(holder, ON)]


def test_a_holder_code_with_a_wrong_check_character_is_refused(demo_rules):
    holder = citizen("19900101")
    wrong = holder[:-1] + ("0" if holder[-1] != "0" else "1")
    with pytest.raises(HolderInvalid, match="校验码错误"):
        resolve(service_code=MARRIAGE, holder_code=wrong, answers=FIRST_MARRIAGE, on=ON)


def test_a_missing_license_index_provider_is_a_clear_configuration_error(demo_rules, settings):
    settings.RULES_LICENSE_INDEX_PROVIDER = "licenses.selectors.no_such_function"
    with pytest.raises(ImproperlyConfigured, match="RULES_LICENSE_INDEX_PROVIDER"):
        resolve(service_code=MARRIAGE, holder_code=citizen(), answers=FIRST_MARRIAGE, on=ON)
