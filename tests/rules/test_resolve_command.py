"""manage.py resolve SERVICE_CODE --holder CODE [--answers JSON] [--channel window] [--version N] --json"""

import json

import pytest
from django.core.management import CommandError, call_command

from tests.factories import valid_citizen_id
from tests.rules.conftest import hold

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("resolve", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_the_resolution_as_json(demo_rules):
    holder = valid_citizen_id(birth="19900101")
    hold(holder, "ID", "expired")
    output = run(
        "630000-MZ-0001",
        "--holder",
        holder,
        "--answers",
        '{"previously_divorced": false, "partner_id": "x"}',
        "--on",
        "2026-06-01",
        "--version",
        "1",
        "--json",
    )
    resolution = json.loads(output)
    assert resolution["ruleset"]["version"] == 1
    assert {m["name"]: m["mode"] for m in resolution["materials"]}["居民身份证"] == "upload"


def test_the_window_channel_reaches_the_rules(demo_rules):
    from accounts.demo import enterprise_uscc

    output = run(
        "630000-SJ-0001",
        "--holder",
        enterprise_uscc(5),
        "--answers",
        '{"registered_capital": 100, "entity_type": "有限责任公司"}',
        "--channel",
        "window",
        "--on",
        "2026-06-01",
        "--json",
    )
    assert {m["name"]: m["mode"] for m in json.loads(output)["materials"]}["居民身份证"] == "paper"


def test_the_command_prints_a_readable_summary_without_json(demo_rules):
    output = run(
        "630000-WJ-0001",
        "--holder",
        valid_citizen_id(birth="19900101"),
        "--answers",
        '{"child_order": 3}',
        "--on",
        "2026-06-01",
    )
    assert "办理路径：人工审核｜第三个及以上子女的生育登记需人工审核" in output


def test_a_bad_answer_stops_the_command_naming_the_field(demo_rules):
    with pytest.raises(CommandError, match="answers.child_order：“本次登记为第几个子女”应为整数"):
        run(
            "630000-WJ-0001",
            "--holder",
            valid_citizen_id(birth="19900101"),
            "--answers",
            '{"child_order": "20"}',
        )


def test_answers_that_are_not_json_stop_the_command(demo_rules):
    with pytest.raises(CommandError, match="--answers 不是合法的 JSON"):
        run("630000-WJ-0001", "--holder", valid_citizen_id(birth="19900101"), "--answers", "{child_order: 3}")
