"""Writes of rulesets: create, publish, version, retire, edit conditions, keep a trial as a test.

Every write is keyword-only, runs in one transaction and raises a DomainError in Chinese. The reads
(the draft's spec, rule tests run, resolve, trial, replay) are in ``rules.resolution``.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from accounts.models import User
from catalogs import versioning
from rules.engine.compiler import compile_table
from rules.errors import AnswersInvalid, PublishRefused, VersionConflict
from rules.facts import LICENSE_STATUSES
from rules.models import RuleCondition, RuleRow, RuleSet, RuleTest
from rules.resolution import draft_spec, rule_test_cases, spec_for_trial, try_ruleset
from rules.ruletests import run_case
from rules.table import ConditionInput, TableInvalid, spec_hash


def _lock_versions(code: str) -> list[RuleSet]:
    return versioning.lock_versions(RuleSet.objects.filter(service_code=code))


@transaction.atomic
def publish_ruleset(*, ruleset: RuleSet, effective_from: date, user: User | None = None) -> RuleSet:
    """Validate, test and freeze a draft from ``effective_from``; the previous version closes that day."""
    versions = _lock_versions(ruleset.service_code)
    draft = versioning.require_draft(versions, ruleset.pk, str(ruleset))
    try:
        spec = draft_spec(ruleset=draft, published_catalog_only=True)
    except TableInvalid as invalid:
        raise PublishRefused(
            "规则集有错误，不能发布：" + "；".join(str(e) for e in invalid.errors),
            params=[
                {"name": f"row{e.row}" if e.row is not None else "ruleset", "reason": str(e)}
                for e in invalid.errors
            ],
        ) from invalid
    cases = rule_test_cases(draft)
    if not cases:
        raise PublishRefused("规则集没有任何测试，不能发布：请至少添加一个规则测试（事实与期望结果）。")
    compiled = compile_table(spec)
    failed = [outcome for outcome in (run_case(case, compiled) for case in cases) if not outcome.passed]
    if failed:
        raise PublishRefused(
            "规则测试未通过，不能发布：" + "；".join(f"“{o.name}”：{'，'.join(o.failures)}" for o in failed),
            params=[{"name": f"test:{o.name}", "reason": "，".join(o.failures)} for o in failed],
        )
    versioning.open_window(versions=versions, draft=draft, effective_from=effective_from, user=user)
    draft.spec = spec
    draft.spec_hash = spec_hash(spec)
    draft.full_clean()
    draft.save()
    return draft


@transaction.atomic
def create_draft_version(*, ruleset: RuleSet) -> RuleSet:
    """Start editing a published ruleset: copy the newest version's rows, conditions and tests into a draft."""
    return versioning.copy_as_new_draft(
        versions=_lock_versions(ruleset.service_code),
        copy_related=_copy_rows_and_tests,
        reset={"spec": None, "spec_hash": ""},  # a draft's spec is built when it is published
    )


def _copy_rows_and_tests(source: RuleSet, draft: RuleSet) -> None:
    for row in source.rows.prefetch_related("conditions"):
        conditions = list(row.conditions.all())
        (copy,) = versioning.copy_rows([row], ruleset=draft)
        versioning.copy_rows(conditions, row=copy)
    versioning.copy_rows(source.tests.all(), ruleset=draft)


@transaction.atomic
def replace_row_conditions(*, row: RuleRow, conditions: list[ConditionInput]) -> list[RuleCondition]:
    """Make ``conditions`` (in this order) the conditions of a draft's row; unchanged ones are kept as they are."""
    if not RuleSet.objects.filter(pk=row.ruleset_id, status=versioning.VersionStatus.DRAFT).exists():
        raise VersionConflict("已发布的版本不可修改：请先创建新版本，再在草稿上修改条件。")
    current = list(row.conditions.all())
    wanted = [(c.fact, c.operator, (c.value or "").strip()) for c in conditions]
    if [(c.fact, c.operator, c.value) for c in current] == wanted:
        return current
    row.conditions.all().delete()
    created = []
    for position, (fact, operator, value) in enumerate(wanted, start=1):
        condition = RuleCondition(row=row, position=position, fact=fact, operator=operator, value=value)
        condition.full_clean()
        condition.save()
        created.append(condition)
    return created


@transaction.atomic
def create_ruleset(*, service_code: str, title: str = "", default_route: str = "review") -> RuleSet:
    if RuleSet.objects.filter(service_code=service_code).exists():
        raise VersionConflict(f"事项 {service_code} 已有规则集，请在其上创建新版本。")
    ruleset = RuleSet(service_code=service_code, title=title, default_route=default_route)
    ruleset.full_clean()
    ruleset.save()
    return ruleset


@transaction.atomic
def retire_ruleset(*, ruleset: RuleSet, effective_until: date) -> RuleSet:
    return versioning.close_window(
        versions=_lock_versions(ruleset.service_code), pk=ruleset.pk, effective_until=effective_until
    )


SHORT_MODES = {"auto": "免提交", "upload": "上传", "paper": "纸质", "exempt": "免于提交"}


@transaction.atomic
def save_trial_as_test(
    *,
    ruleset: RuleSet,
    name: str,
    applicant: dict,
    answers: dict[str, str],
    licenses: dict[str, str],
    channel: str,
) -> RuleTest:
    """Keep a trial as a rule test of a draft: its facts, and today's result as the expectation."""
    if not ruleset.is_draft:
        raise VersionConflict("已发布的版本不可修改：请先创建新版本，再在草稿上保存规则测试。")
    if not (name or "").strip():
        raise AnswersInvalid("请填写测试名称", params=[{"name": "test_name", "reason": "请填写测试名称"}])
    resolution = try_ruleset(
        ruleset=ruleset, applicant=applicant, answers=answers, licenses=licenses, channel=channel
    )
    spec = spec_for_trial(ruleset=ruleset)
    status_labels = dict(LICENSE_STATUSES)
    test = RuleTest(
        ruleset=ruleset,
        name=name.strip()[:100],
        applicant_kind=applicant["kind"],
        age=applicant.get("age"),
        sex=applicant.get("sex") or "",
        region=applicant.get("region") or "",
        channel=channel,
        answers="\n".join(f"{key}={text.strip()}" for key, text in answers.items() if text.strip()),
        licenses="\n".join(
            f"{spec['license_types'][code]}={status_labels[status]}"
            for code, status in licenses.items()
            if status != "none"
        ),
        expected_modes="\n".join(
            f"{m['name']}={SHORT_MODES[m['mode']]}" for m in resolution["materials"] if m["license_type"]
        ),
        expected_route=resolution["route"]["route"],
        expected_fee_exempt=resolution["fee_exempt"],
    )
    test.full_clean()
    test.save()
    return test


__all__ = [
    "create_draft_version",
    "create_ruleset",
    "publish_ruleset",
    "replace_row_conditions",
    "retire_ruleset",
    "save_trial_as_test",
]
