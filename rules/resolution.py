"""Reads of rulesets: the draft's table as a spec, its rule tests run, the resolution for a holder (what a case
pins), policy staff's trial, and the replay of a stored resolution. Nothing here writes; the writes are in
``rules.services``.
"""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string

from catalogs.identifiers import mask_code
from rules import selectors
from rules.engine.compiler import CompiledTable, compile_table
from rules.errors import AnswersInvalid, NoRuleset
from rules.evaluation import (
    CHANNELS,
    applicant_from_holder,
    build_facts,
    cast_answers,
    license_statuses,
    resolve_facts,
)
from rules.facts import LICENSE_STATUSES, STATUS_RANK, FactValueError, parse_text, question_fact
from rules.models import RuleSet
from rules.ruletests import RuleTestCase, RuleTestOutcome, run_case
from rules.table import ConditionInput, RowInput, TableError, TableInvalid
from rules.validation import build_table

logger = logging.getLogger("rules")


def row_inputs(ruleset: RuleSet) -> list[RowInput]:
    rows = ruleset.rows.select_related("license_type", "department").prefetch_related("conditions")
    return [
        RowInput(
            number=row.number,
            priority=row.priority,
            outcome=row.outcome,
            license_type=row.license_type.code if row.license_type_id else "",
            mode=row.mode,
            route=row.route,
            department={"uscc": row.department.uscc, "name": row.department.name}
            if row.department_id
            else None,
            reason=row.reason,
            conditions=[
                ConditionInput(c.fact, c.operator, c.value, column=i)
                for i, c in enumerate(row.conditions.all(), start=1)
            ],
        )
        for row in rows
    ]


def draft_spec(*, ruleset: RuleSet, published_catalog_only: bool = False) -> dict:
    """Validate the ruleset as it stands and return its spec; raises TableInvalid (errors name row and column)."""
    item = selectors.catalog_item_for(
        service_code=ruleset.service_code, published_only=published_catalog_only
    )
    if item is None:
        raise TableInvalid(
            [
                TableError(
                    None,
                    "事项编码",
                    f"目录中没有{'已发布的' if published_catalog_only else ''}事项 {ruleset.service_code}",
                )
            ]
        )
    return build_table(
        ruleset={
            "code": ruleset.service_code,
            "version": ruleset.version,
            "default_route": ruleset.default_route,
        },
        service=selectors.service_snapshot(item),
        license_types=selectors.license_type_names(),
        rows=row_inputs(ruleset),
        former_questions=selectors.former_question_labels(service_code=ruleset.service_code),
    )


def rule_test_cases(ruleset: RuleSet) -> list[RuleTestCase]:
    return [
        RuleTestCase(
            name=t.name,
            applicant={
                "kind": t.applicant_kind,
                "age": t.age,
                "sex": t.sex or None,
                "region": t.region or None,
            },
            channel=t.channel,
            answers=t.answers,
            licenses=t.licenses,
            expected_modes=t.expected_modes,
            expected_route=t.expected_route,
            expected_fee_exempt=t.expected_fee_exempt,
        )
        for t in ruleset.tests.all()
    ]


def run_rule_tests(*, ruleset: RuleSet, compiled: CompiledTable | None = None) -> list[RuleTestOutcome]:
    compiled = compiled or (
        selectors.compiled_ruleset(ruleset)
        if not ruleset.is_draft
        else compile_table(draft_spec(ruleset=ruleset))
    )
    return [run_case(case, compiled) for case in rule_test_cases(ruleset)]


def license_index_provider():
    path = getattr(settings, "RULES_LICENSE_INDEX_PROVIDER", "")
    try:
        return import_string(path)
    except ImportError as error:
        raise ImproperlyConfigured(
            f"用证规则无法读取持证索引：设置 RULES_LICENSE_INDEX_PROVIDER={path!r} 指向的函数不存在（{error}）。"
            "请安装电子证照应用或改为可用的函数。"
        ) from error


def resolve(
    *,
    service_code: str,
    holder_code: str,
    answers: dict | None = None,
    channel: str = "online",
    on: date | None = None,
    version: int | None = None,
) -> dict:
    """The resolution for one holder and service item: per-license modes with reasons, route, trace."""
    day = on or timezone.localdate()
    pk, _version, pinned_hash = selectors.published_ref(service_code=service_code, on=day, version=version)
    compiled = selectors.compiled_by_ref(pk, pinned_hash)
    spec = compiled.spec
    typed = cast_answers(spec, answers, channel=channel)
    applicant = applicant_from_holder(holder_code, on=day)
    index = license_index_provider()(holder_code, on=day)
    facts = build_facts(
        spec=spec,
        applicant=applicant,
        answers=typed,
        channel=channel,
        licenses=license_statuses(index, set(spec["license_types"])),
    )
    resolution = resolve_facts(compiled, facts)
    resolution["on"] = day.isoformat()
    resolution["ruleset"]["spec_hash"] = pinned_hash
    logger.info(
        "rules.resolved service=%s version=%s holder=%s route=%s rows=%s",
        service_code,
        resolution["ruleset"]["version"],
        mask_code(holder_code),
        resolution["route"]["route"],
        [t["row"] for t in resolution["trace"]],
    )
    return resolution


def spec_for_trial(*, ruleset: RuleSet) -> dict:
    """The spec a trial runs: the frozen one of a published version, the current table of a draft."""
    return ruleset.spec if not ruleset.is_draft else draft_spec(ruleset=ruleset)


def try_ruleset(
    *, ruleset: RuleSet, applicant: dict, answers: dict[str, str], licenses: dict[str, str], channel: str
) -> dict:
    """Policy staff's trial: facts typed as text (like a rule test) → resolution; errors name each field."""
    spec = spec_for_trial(ruleset=ruleset)
    problems: list[dict] = []
    typed = {}
    questions = {q["key"]: q for q in spec["questions"]}
    for key, text in answers.items():
        if key not in questions:
            problems.append({"name": f"answers.{key}", "reason": f"本事项没有问题“{key}”"})
        elif text.strip():
            try:
                typed[key] = parse_text(question_fact(questions[key]), text)
            except FactValueError as error:
                problems.append({"name": f"answers.{key}", "reason": f"“{questions[key]['label']}”：{error}"})
        elif questions[key].get("required"):
            problems.append(
                {"name": f"answers.{key}", "reason": f"“{questions[key]['label']}”为必答，不能为空"}
            )
    statuses = {}
    for code, status in licenses.items():
        if code not in spec["license_types"] or status not in STATUS_RANK:
            problems.append({"name": f"licenses.{code}", "reason": f"未知的证照或状态：{code}={status}"})
        else:
            statuses[code] = status
    if channel not in CHANNELS:
        problems.append({"name": "channel", "reason": "办理渠道只能是网上办理或窗口办理"})
    if problems:
        raise AnswersInvalid("试算的输入有误：" + "；".join(p["reason"] for p in problems), params=problems)
    compiled = selectors.compiled_ruleset(ruleset) if not ruleset.is_draft else compile_table(spec)
    facts = build_facts(spec=spec, applicant=applicant, answers=typed, channel=channel, licenses=statuses)
    resolution = resolve_facts(compiled, facts)
    resolution["trial_warnings"] = trial_warnings(
        spec=spec, applicant=applicant, licenses=statuses, resolution=resolution
    )
    return resolution


APPLICANT_KIND_LABELS = {"person": "自然人", "enterprise": "法人"}


def trial_warnings(*, spec: dict, applicant: dict, licenses: dict[str, str], resolution: dict) -> list[str]:
    """What in a trial could not happen in a real case: a required license 免提交 (fetched) that the sample
    applicant does not hold valid, or an applicant the service item does not serve."""
    warnings = []
    served = spec.get("service", {}).get("applicant_kind") or "both"
    if served != "both" and applicant.get("kind") != served:
        warnings.append(
            f"本事项只受理{APPLICANT_KIND_LABELS.get(served, served)}，示例申请人为{APPLICANT_KIND_LABELS.get(applicant.get('kind'), '')}：实际不会有这样的申请。"
        )
    labels = dict(LICENSE_STATUSES)
    for material in resolution["materials"]:
        code = material.get("license_type")
        if not code or material["mode"] != "auto" or not material["required"]:
            continue  # an optional material the applicant does not hold simply does not apply
        status = licenses.get(code, "none")
        if status == "valid":
            continue
        held = "未持有该证照" if status == "none" else f"所持该证照状态为“{labels.get(status, status)}”"
        where = f"（第{material['row']}行）" if material.get("row") else "（材料清单默认）"
        warnings.append(
            f"“{material['name']}”为免提交（自动调取）{where}，但示例申请人{held}：实际办理时无法调取，会改为上传材料。"
            "请检查规则行的条件，或在示例事实中把该证照设为“有效”。"
        )
    return warnings


def replay(*, resolution: dict) -> dict:
    """Re-run a stored resolution on its pinned version and stored facts; the result must be equal."""
    pinned = resolution["ruleset"]
    pk, _version, pinned_hash = selectors.published_ref(
        service_code=pinned["code"], version=pinned["version"]
    )
    if pinned.get("spec_hash") and pinned["spec_hash"] != pinned_hash:
        raise NoRuleset(f"{pinned['code']} 第 {pinned['version']} 版规则的内容与办件记录不一致，无法重放")
    again = resolve_facts(selectors.compiled_by_ref(pk, pinned_hash), resolution["facts"])
    again["on"] = resolution.get("on")
    again["ruleset"]["spec_hash"] = pinned_hash
    return again


__all__ = [
    "CHANNELS",
    "draft_spec",
    "license_index_provider",
    "replay",
    "resolve",
    "row_inputs",
    "rule_test_cases",
    "run_rule_tests",
    "spec_for_trial",
    "trial_warnings",
    "try_ruleset",
]
