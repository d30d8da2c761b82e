"""Start and do impact runs: a draft ruleset over the stored facts of the last N days' cases of its item.

For every case the stored resolution is replayed on its pinned version (``rules.resolution.replay``, which
must give it back unchanged) and the same stored facts are resolved with the draft's compiled table
(``rules.evaluation.resolve_facts``); ``impact.comparison`` lists the differences. Only changed cases get a row.
A run reads cases and never writes to them. It runs as a Celery job sent on commit; progress is written
every ``IMPACT_CHUNK`` cases so the report page can show a progress bar.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from catalogs.errors import DomainError
from catalogs.identifiers import mask_code, mask_name
from impact import comparison
from impact.errors import ImpactRefused
from impact.models import ImpactRow, ImpactRun, RunState
from impact.selectors import may_use_impact
from rules import selectors as rule_selectors
from rules.errors import NoRuleset
from rules.evaluation import resolve_facts
from rules.models import RuleSet
from rules.resolution import draft_spec, replay
from rules.table import TableInvalid, spec_hash
from workflows.models import Case

logger = logging.getLogger("impact")

MAX_DAYS = 3660


def _chunk() -> int:
    return int(getattr(settings, "IMPACT_CHUNK", 500))


def _stale_after() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "IMPACT_STALE_SECONDS", 600)))


def cases_in_range(*, run: ImpactRun):
    return Case.objects.filter(
        service_code=run.service_code, opened_at__gte=run.since, opened_at__lt=run.until
    )


def start_impact_run(*, ruleset: RuleSet, days: int, user) -> ImpactRun:
    """Freeze the draft as it stands and queue its run over the cases opened in the last ``days`` days."""
    if not may_use_impact(user):
        raise ImpactRefused("只有可以修改用证规则集的规则管理员才能发起影响分析。")
    if not ruleset.is_draft:
        raise ImpactRefused(
            f"{ruleset} 不是草稿：影响分析只针对尚未发布的草稿，请先“创建新版本”再修改并分析。"
        )
    if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise ImpactRefused(f"分析天数应为 1 至 {MAX_DAYS} 之间的整数。")
    try:
        spec = draft_spec(ruleset=ruleset)
    except TableInvalid as invalid:
        raise ImpactRefused(
            "草稿的决策表有错误，请先改正再分析：" + "；".join(str(e) for e in invalid.errors)
        ) from invalid
    until = timezone.now()
    with transaction.atomic():
        run = ImpactRun(
            ruleset=ruleset,
            service_code=ruleset.service_code,
            ruleset_version=ruleset.version,
            spec=spec,
            spec_hash=spec_hash(spec),
            days=days,
            since=until - timedelta(days=days),
            until=until,
            started_by=user,
        )
        run.total = cases_in_range(run=run).count()
        run.full_clean()
        run.save()
        pk = run.pk
        transaction.on_commit(lambda: send_run(pk))
    logger.info(
        "impact.run.queued run=%s service=%s version=%s days=%s",
        pk,
        run.service_code,
        run.ruleset_version,
        days,
    )
    return run


def send_run(run_pk: int) -> None:
    from impact.tasks import run_impact_task

    run_impact_task.delay(run_pk)


def _claim(run_pk: int) -> bool:
    """Take a queued run (or one whose worker died: no progress for IMPACT_STALE_SECONDS) for this job."""
    now = timezone.now()
    return bool(
        ImpactRun.objects.filter(pk=run_pk)
        .filter(Q(state=RunState.PENDING) | Q(state=RunState.RUNNING, heartbeat_at__lt=now - _stale_after()))
        .update(state=RunState.RUNNING, started_at=now, heartbeat_at=now, processed=0, totals={}, error="")
    )


def run_impact(*, run_pk: int) -> str:
    """Do one run; a second delivery of the same job finds it taken and returns."""
    if not _claim(run_pk):
        return "skipped"
    run = ImpactRun.objects.get(pk=run_pk)
    ImpactRow.objects.filter(run=run).delete()  # a run taken over from a dead worker starts again
    try:
        totals = analyse(run=run)
    except Exception as error:  # noqa: BLE001 — a failed run must say so on its page, never stay "running"
        logger.exception("impact.run.failed run=%s", run_pk)
        reason = error.message if isinstance(error, DomainError) else f"内部错误（{type(error).__name__}）"
        ImpactRun.objects.filter(pk=run_pk).update(
            state=RunState.FAILED,
            error=f"分析未能完成：{reason}。办件没有任何改变，可以重新发起分析。",
            finished_at=timezone.now(),
        )
        return "failed"
    ImpactRun.objects.filter(pk=run_pk).update(
        state=RunState.DONE,
        totals=totals,
        total=totals["cases"],
        processed=totals["cases"],
        finished_at=timezone.now(),
    )
    logger.info("impact.run.done run=%s cases=%s changed=%s", run_pk, totals["cases"], totals["changed"])
    return "done"


class Tally:
    def __init__(self):
        self.cases = 0
        self.kinds: Counter = Counter()
        self.changed = 0
        self.materials: Counter = Counter()
        self.routes: Counter = Counter()
        self.questions: Counter = Counter()
        self.fees: Counter = Counter()

    def add(self, found: list[dict]) -> None:
        self.changed += 1
        for kind in {c["kind"] for c in found}:
            self.kinds[kind] += 1
        for change in found:
            if change["kind"] == "mode":
                self.materials[(change["subject"], change["before"], change["after"])] += 1
            elif change["kind"] == "route":
                self.routes[(change["before"], change["after"])] += 1
            elif change["kind"] == "required":
                self.questions[change["subject"]] += 1
            elif change["kind"] == "fee":
                self.fees[(change["before"], change["after"])] += 1

    def as_json(self) -> dict:
        def listed(counter, names):
            return [
                {**dict(zip(names, key if isinstance(key, tuple) else (key,), strict=True)), "count": n}
                for key, n in sorted(counter.items(), key=lambda item: (-item[1], item[0]))
            ]

        return {
            "cases": self.cases,
            "changed": self.changed,
            "unchanged": self.cases - self.changed,
            "kinds": dict(self.kinds),
            "materials": listed(self.materials, ("name", "before", "after")),
            "routes": listed(self.routes, ("before", "after")),
            "questions": listed(self.questions, ("label",)),
            "fees": listed(self.fees, ("before", "after")),
        }


def analyse(*, run: ImpactRun) -> dict:
    """Compare every case in the run's range; rows for changed cases, progress every chunk; the totals."""
    draft = rule_selectors.compiled_spec(run.spec, run.spec_hash)
    cases = cases_in_range(run=run)
    total = cases.count()
    ImpactRun.objects.filter(pk=run.pk).update(total=total, processed=0)
    tally = Tally()
    pinned_specs: dict[tuple, dict] = {}
    replayer = Replayer()
    last_pk = 0
    chunk = _chunk()
    while True:
        batch = list(
            cases.filter(pk__gt=last_pk)
            .order_by("pk")
            .values_list(
                "pk", "number", "opened_at", "holder_name", "holder_code", "ruleset_version", "resolution"
            )[:chunk]
        )
        if not batch:
            break
        rows = []
        for pk, number, opened_at, holder_name, holder_code, version, stored in batch:
            tally.cases += 1
            found, replayable = compare_case(stored=stored, draft=draft, run_spec=run.spec, replayer=replayer)
            if not found:
                continue
            tally.add(found)
            kinds = {c["kind"] for c in found}
            rows.append(
                ImpactRow(
                    run=run,
                    case_id=pk,
                    case_number=number,
                    opened_at=opened_at,
                    holder_name_masked=mask_name(holder_name),
                    holder_code_masked=mask_code(holder_code),
                    ruleset_version=version,
                    changes=found,
                    facts=comparison.fact_summary(
                        stored.get("facts") or {},
                        specs=[run.spec, _pinned_spec(stored, pinned_specs)],
                        catalog=draft.catalog,
                    ),
                    mode_changed="mode" in kinds,
                    route_changed="route" in kinds,
                    missing_required="required" in kinds,
                    fee_changed="fee" in kinds,
                    not_replayable=not replayable,
                )
            )
        last_pk = batch[-1][0]
        with transaction.atomic():
            ImpactRow.objects.bulk_create(rows)
            ImpactRun.objects.filter(pk=run.pk).update(
                processed=min(tally.cases, total), heartbeat_at=timezone.now()
            )
    return tally.as_json()


class Replayer:
    """``rules.resolution.replay`` over many cases: the first case of each pinned version is replayed by it
    (which looks the version up and checks its content hash); the others reuse that lookup — a published
    version never changes — and are resolved on the same compiled table with ``resolve_facts``, as replay does."""

    def __init__(self):
        self.refs: dict[tuple, tuple[int, int, str]] = {}

    def __call__(self, resolution: dict) -> dict:
        pinned = resolution["ruleset"]
        key = (pinned["code"], pinned["version"])
        if key not in self.refs:
            again = replay(resolution=resolution)
            self.refs[key] = rule_selectors.published_ref(service_code=key[0], version=key[1])
            return again
        pk, _version, pinned_hash = self.refs[key]
        if pinned.get("spec_hash") and pinned["spec_hash"] != pinned_hash:
            raise NoRuleset(f"{key[0]} 第 {key[1]} 版规则的内容与办件记录不一致，无法重放")
        again = resolve_facts(rule_selectors.compiled_by_ref(pk, pinned_hash), resolution["facts"])
        again["on"] = resolution.get("on")
        again["ruleset"]["spec_hash"] = pinned_hash
        return again


def compare_case(*, stored: dict, draft, run_spec: dict, replayer: Replayer) -> tuple[list[dict], bool]:
    """(changes, replayable) for one stored resolution. A resolution its own version no longer gives back
    exactly is flagged: its differences may not all be the draft's."""
    try:
        replayable = comparison.comparable(replayer(stored)) == comparison.comparable(stored)
    except (DomainError, KeyError, TypeError):
        replayable = False
    again = resolve_facts(draft, stored.get("facts") or {})
    found = comparison.changes(stored=stored, draft=again, draft_spec=run_spec)
    if not replayable:
        found.insert(
            0,
            {
                "kind": "replay",
                "subject": "原判定",
                "before": f"第{stored.get('ruleset', {}).get('version')}版",
                "after": "按原版本重放结果不一致或原版本已不存在",
            },
        )
    return found, replayable


def _pinned_spec(stored: dict, cache: dict) -> dict:
    """The published spec a case was resolved with (for the facts its rows read), looked up once per version."""
    pinned = stored.get("ruleset") or {}
    key = (pinned.get("code"), pinned.get("version"))
    if key not in cache:
        spec = (
            RuleSet.objects.filter(service_code=key[0], version=key[1])
            .exclude(spec=None)
            .values_list("spec", flat=True)
            .first()
        )
        cache[key] = spec or {}
    return cache[key]
