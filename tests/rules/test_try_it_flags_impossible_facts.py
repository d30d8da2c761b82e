"""Try-it flags sample facts a real case could not have: a license fetched (免提交) that the sample applicant
does not hold valid, an applicant the item does not serve."""

import pytest
from django.test import Client

from rules.models import RuleSet
from rules.resolution import try_ruleset

pytestmark = pytest.mark.django_db
PERSON = {"kind": "person", "age": 30, "sex": None, "region": None}
SAMPLE = {"bool": "是", "int": "1", "decimal": "1", "date": "2026-01-01", "choice": "", "text": "测试"}


def _ruleset(code: str) -> RuleSet:
    return RuleSet.objects.get(service_code=code, version=1)


def test_a_fetched_license_the_applicant_does_not_hold_is_flagged_on_the_page(demo_rules, policy_user):
    client = Client()
    client.force_login(policy_user)
    ruleset = _ruleset("630000-YB-0001")
    url = f"/rules/try/?ruleset={ruleset.pk}"
    fields = client.get(url).context["form"].fields
    answers = {
        f"answer__{q['key']}": (q["choices"] or [SAMPLE[q["type"]]])[0] for q in ruleset.spec["questions"]
    }
    data = {
        "applicant_kind": "person",
        "age": "30",
        "channel": "online",
        **answers,
        **{n: "none" for n in fields if n.startswith("license__")},
    }
    page = client.post(url, data).content.decode()
    assert "示例事实与结果不一致" in page
    assert "“居民身份证”为免提交（自动调取）（材料清单默认），但示例申请人未持有该证照" in page


def test_a_held_valid_license_is_not_flagged(demo_rules):
    ruleset = _ruleset("630000-YB-0001")
    codes = {code for code, name in ruleset.spec["license_types"].items() if name == "居民身份证"}
    result = try_ruleset(
        ruleset=ruleset,
        applicant=PERSON,
        answers={},
        licenses=dict.fromkeys(codes, "valid"),
        channel="online",
    )
    assert not any("居民身份证" in w for w in result["trial_warnings"])


def test_an_applicant_the_item_does_not_serve_is_flagged(demo_rules):
    result = try_ruleset(
        ruleset=_ruleset("630000-YC-0001"), applicant=PERSON, answers={}, licenses={}, channel="online"
    )
    assert "本事项只受理法人，示例申请人为自然人：实际不会有这样的申请。" in result["trial_warnings"]
