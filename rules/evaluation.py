"""From inputs to typed facts, and from fired rows to a resolution with its explanation.

Inputs are checked here, before anything reaches the engine: the holder code (citizen ID or
USCC, check characters by python-stdnum), the answers (cast strictly to each question's type,
``AnswersInvalid`` naming every bad field), the channel. The resolution is plain JSON: it is
stored with a case and can be replayed exactly from its own ``facts``.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_noop
from stdnum.cn import ric

from catalogs.identifiers import HOLDER_CODE_CITIZEN, check_citizen_id, check_uscc, guess_holder_code_type
from rules import facts as F
from rules.engine import plain
from rules.engine.compiler import CompiledTable
from rules.engine.runtime import RuleEngine, default_engine
from rules.errors import AnswersInvalid, HolderInvalid
from rules.table import FEE_EXEMPTION, MODES, REQUIREMENT, ROUTE, ROUTES

CHANNELS = {"online": gettext_noop("网上办理"), "window": gettext_noop("窗口办理")}


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def applicant_from_holder(holder_code: str, *, on: date) -> dict:
    """Applicant facts from a verified holder code: citizens get age, sex and region from the ID."""
    number = (holder_code or "").strip().upper()
    try:
        code_type = guess_holder_code_type(number)
    except ValidationError as error:
        reason = error.messages[0]
        looks_like_id = number[:17].isdigit() and number[6:8] in {"18", "19", "20"}
        try:
            (check_citizen_id if looks_like_id else check_uscc)(number)
        except ValidationError as specific:
            reason = specific.messages[0]
        raise HolderInvalid(
            "持证主体代码无效：" + reason, params=[{"name": "holder", "reason": reason}]
        ) from error
    if code_type == HOLDER_CODE_CITIZEN:
        birth = ric.get_birth_date(number)
        return {
            "kind": "person",
            "age": age_on(birth, on),
            "sex": "male" if int(number[16]) % 2 else "female",
            "region": number[:6],
        }
    check_uscc(number)
    return {"kind": "enterprise", "region": number[2:8]}


def license_statuses(index: list[dict], wanted: set[str]) -> dict[str, str]:
    """One status per license type the table reads: the best one held, or ``none``."""
    statuses = dict.fromkeys(wanted, "none")
    for entry in index:
        code, status = entry.get("type_code"), entry.get("status")
        if code not in statuses or status not in F.STATUS_RANK:
            continue
        if statuses[code] == "none" or F.STATUS_RANK[status] < F.STATUS_RANK[statuses[code]]:
            statuses[code] = status
    return statuses


def cast_answers(spec: dict, raw: dict | None, *, channel: str = "online") -> dict:
    """Answers by question key → engine values; every problem is reported, each naming its field."""
    raw = {} if raw is None else raw
    problems: list[dict] = []
    if not isinstance(raw, dict):
        raise AnswersInvalid(
            "回答应为“问题标识: 回答”的对象",
            params=[{"name": "answers", "reason": "应为对象（键为问题标识）"}],
        )
    if channel not in CHANNELS:
        problems.append(
            {
                "name": "channel",
                "reason": f"办理渠道只能是 online（网上）或 window（窗口），不能是“{channel}”",
            }
        )
    questions = {q["key"]: q for q in spec["questions"]}
    for key in raw:
        if key not in questions:
            problems.append({"name": f"answers.{key}", "reason": f"本事项没有标识为“{key}”的问题"})
    typed = {}
    for key, question in questions.items():
        fact = F.question_fact(question)
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if question.get("required"):
                problems.append(
                    {"name": f"answers.{key}", "reason": f"“{question['label']}”为必答，不能为空"}
                )
            continue
        try:
            typed[key] = F.cast_answer(fact, value)
        except F.FactValueError as error:
            problems.append({"name": f"answers.{key}", "reason": f"“{question['label']}”{error}"})
    if problems:
        raise AnswersInvalid("提交的回答有误：" + "；".join(p["reason"] for p in problems), params=problems)
    return typed


def build_facts(
    *, spec: dict, applicant: dict, answers: dict, channel: str, licenses: dict[str, str]
) -> dict:
    """The flat, typed fact the engine sees. ``answers`` are engine values (see ``cast_answers``)."""
    facts: dict = {"a_kind": applicant["kind"], "channel": channel}
    if applicant.get("age") is not None:
        facts["a_age"] = applicant["age"]
    if applicant.get("sex"):
        facts["a_sex"] = applicant["sex"]
    if applicant.get("region"):
        facts.update(F.region_fields(applicant["region"]))
    for key, value in answers.items():
        facts[f"q_{key}"] = value
    for code in spec["license_types"]:
        facts[f"l_{code}"] = licenses.get(code, "none")
    return facts


# --- resolution ------------------------------------------------------------------------------


def resolve_facts(
    compiled: CompiledTable, facts: dict, *, engine: RuleEngine | None = None, plain_python: bool = False
) -> dict:
    """Fire the table on ``facts`` and assemble the resolution (JSON-serialisable, deterministic).

    Everything that depends only on the table comes from ``compiled.plan`` (``rules.assembly``); the
    resolution is built of fresh dicts and lists, so a caller may change it freely.
    """
    fired_numbers = (
        plain.fire(compiled.definition, facts)
        if plain_python
        else (engine or default_engine()).fire(compiled, facts)
    )
    plan = compiled.plan
    fired = [plan.rows[n] for n in fired_numbers]
    applied: set[int] = set()
    by_license: dict[str, list] = {}
    route_rows = []
    fee_rows = []
    for row in fired:
        if row.kind == REQUIREMENT:
            by_license.setdefault(row.license_type, []).append(row)
        elif row.kind == ROUTE:
            route_rows.append(row)
        elif row.kind == FEE_EXEMPTION:
            fee_rows.append(row)

    materials = []
    seen = set()
    for template in plan.materials:
        entry = dict(template)
        code = entry["license_type"]
        if code and code in by_license:
            seen.add(code)
            entry.update(_decided(by_license[code], applied))
        entry["mode_label"] = MODES[entry["mode"]]
        materials.append(entry)
    if len(seen) < len(by_license):
        for code, candidates in sorted(by_license.items(), key=lambda item: min(r.number for r in item[1])):
            if code in seen:
                continue
            entry = {"license_type": code, "name": plan.license_names.get(code, code)}
            entry.update(_decided(candidates, applied))
            entry["mode_label"] = MODES[entry["mode"]]
            materials.append(entry)

    if route_rows:
        winner = max(route_rows, key=_rank)
        applied.add(winner.number)
        outcome = winner.outcome
        route = {
            "route": outcome["route"],
            "department": outcome.get("department") or plan.default_route["department"],
            "reason": outcome.get("reason") or "",
            "decided_by": "row",
            "row": winner.number,
        }
    else:
        route = dict(plan.default_route)
    route["label"] = ROUTES[route["route"]]
    applied.update(row.number for row in fee_rows)

    trace = []
    for row in fired:
        entry = row.trace(facts)
        if row.number in applied:
            entry["applied"] = True
        trace.append(entry)
    return {
        "ruleset": {**compiled.spec["ruleset"], "name": compiled.name},
        "service": dict(plan.service),
        "facts": facts,
        "materials": materials,
        "route": route,
        "fee_exempt": bool(fee_rows),
        "fee_exemption_reasons": [row.outcome["reason"] for row in fee_rows],
        "trace": trace,
    }


def _rank(row) -> tuple:
    return row.rank


def _decided(candidates: list, applied: set[int]) -> dict:
    """What the winning row among ``candidates`` (same license type) sets on its material."""
    winner = max(candidates, key=_rank)
    applied.add(winner.number)
    return winner.decided
