#!/usr/bin/env python
"""Benchmark of the rules engine (see docs/benchmarks/rules.md).

    python bench/rules_bench.py                 # quick: speed + 10,000 resolutions + 200 publish cycles
    python bench/rules_bench.py --full          # the acceptance run: 100,000 resolutions
    python bench/rules_bench.py --only speed    # one part: speed | resolutions | publish

speed        resolutions/s and p50/p99 latency over every demo rule test, durable-rules (rete) vs
             a plain-Python evaluation of the same compiled tables, measured in the same run.
resolutions  N full resolutions through rules.resolution.resolve (database, license index provider,
             answer casting, engine, explanation); RSS after the first 1,000 and at the end.
publish      publish cycles in one process (new draft version → validate → rule tests → publish →
             resolve on the new version); RSS growth and rulesets held by the engine.

It uses its own SQLite database in a temporary directory and never touches yours.
"""

import argparse
import gc
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="mzb-rules-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
os.environ["RULES_LICENSE_INDEX_PROVIDER"] = "__main__.license_index"
os.environ.setdefault("LOG_LEVEL", "WARNING")

sys.path.insert(0, str(ROOT / "bench"))
from results import record  # noqa: E402

HOLDINGS: dict[str, list[dict]] = {}


def license_index(holder_code: str, *, on=None) -> list[dict]:
    """The bench's stand-in for licenses.selectors.license_index_for_holder (same contract)."""
    return HOLDINGS.get(holder_code, [])


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def setup_django():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from catalogs import demo as catalog_demo
    from rules import demo as rules_demo

    catalog_demo.load()
    rules_demo.load()


def bench_speed(rounds: int) -> None:
    from rules import selectors
    from rules.evaluation import resolve_facts
    from rules.models import RuleSet
    from rules.resolution import rule_test_cases
    from rules.ruletests import parse_case

    cases = []
    for ruleset in RuleSet.objects.published():
        compiled = selectors.compiled_ruleset(ruleset)
        for case in rule_test_cases(ruleset):
            facts = parse_case(case, compiled.spec)[0]
            cases.append((compiled, facts))
    for compiled, facts in cases:  # warm up: register every table once, check both agree
        assert resolve_facts(compiled, facts) == resolve_facts(compiled, facts, plain_python=True)
    print(
        f"speed: {len(cases)} demo rule tests × {rounds} rounds, {len({c.name for c, _ in cases})} rulesets"
    )
    print(f"  {'evaluator':<34}{'resolutions/s':>14}{'p50 µs':>10}{'p99 µs':>10}")
    bare_fire = bare_durable(cases)
    for compiled, facts in cases:  # the floor must fire the same rows as ours, or it measures less work
        expected = [row["row"] for row in resolve_facts(compiled, facts)["trace"]]
        assert sorted(bare_fire(compiled, facts)) == expected, (compiled.name, facts)
    evaluators = {
        "durable-rules (rete, C)": lambda compiled, facts: resolve_facts(compiled, facts),
        "plain Python, same compiled table": lambda compiled, facts: resolve_facts(
            compiled, facts, plain_python=True
        ),
        "bare durable-rules, same tables": bare_fire,
    }
    # rounds interleaved (ours, plain, bare, ours …) so that load from other processes hits all alike
    latencies = {label: [] for label in evaluators}
    elapsed = dict.fromkeys(evaluators, 0.0)
    for _ in range(rounds):
        for label, evaluate in evaluators.items():
            started = time.perf_counter()
            for compiled, facts in cases:
                t0 = time.perf_counter()
                evaluate(compiled, facts)
                latencies[label].append(time.perf_counter() - t0)
            elapsed[label] += time.perf_counter() - started
    results = {}
    for label in evaluators:
        results[label] = len(latencies[label]) / elapsed[label]
        print(
            f"  {label:<34}{results[label]:>14,.0f}{percentile(latencies[label], 0.5) * 1e6:>10.1f}"
            f"{percentile(latencies[label], 0.99) * 1e6:>10.1f}"
        )
    engine, plain, bare_rate = results.values()
    p50s = [percentile(latencies[label], 0.5) * 1e6 for label in evaluators]
    print(f"  ratio engine/plain throughput: {engine / plain:.2f}")
    print(f"  ratio ours (resolve_facts on durable-rules) / bare durable-rules: {engine / bare_rate:.2f}")
    # the ratio of median costs: on this shared machine throughput is set by the p99 stalls (other processes)
    record(
        part="rules",
        figure=f"p50 {p50s[0]:.0f} µs a resolution (resolve_facts on durable-rules; {engine:,.0f}/s)",
        floor=f"p50 {p50s[2]:.0f} µs bare durable-rules, same tables and facts ({bare_rate:,.0f}/s)",
        ratio=p50s[2] / p50s[0],
        goal=(">=", 0.7),
        note=(
            f"{len(cases)} demo rule tests, rounds interleaved; ratio = bare p50 ÷ ours p50 (throughput "
            f"ratio {engine / bare_rate:.2f} is set by the p99 stalls of the shared machine). The bare run "
            "asserts the same fact into the same compiled ruleset (with the catch-all rule durable needs to "
            "delete a session) and deletes the session; ours adds the lock, the sentinel check, winner "
            f"selection, materials, route and trace. Plain Python on the same tables: p50 {p50s[1]:.0f} µs"
        ),
    )


def bare_durable(cases):
    """The floor: durable-rules alone, the same compiled tables and facts, one session per fact, no wrapper."""
    import uuid

    from durable import engine as durable_engine

    from rules.engine.compiler import MARKER

    class Host(durable_engine.Host):
        def _run(self):  # no timer threads (they only add noise here)
            return None

    host, fired = Host(), []
    registered = set()

    def action(number):
        # one parameter: durable takes an action with two (c, complete) as asynchronous and runs no
        # further action of the session until ``complete`` is called, so only the first row would fire
        return lambda c: fired.append(number)

    for compiled, _facts in cases:
        if compiled.name in registered:
            continue
        definition = {"catch_all": {"all": [{"m": {MARKER: 1}}], "run": lambda c: None}}
        for rule_name, rule in compiled.definition.items():
            definition[rule_name] = {"all": rule["all"], "run": action(int(rule_name[4:]))}
        host.register_rulesets({"bare_" + compiled.name: definition})
        registered.add(compiled.name)

    def fire(compiled, facts):
        fired.clear()
        sid = uuid.uuid4().hex
        host.assert_fact("bare_" + compiled.name, {**facts, "sid": sid, MARKER: 1})
        host.delete_state("bare_" + compiled.name, sid)
        return fired

    return fire


def demo_holders():
    from catalogs import demo as catalog_demo
    from tests.factories import valid_citizen_id

    kinds = [("ID", "valid"), ("HUKOU", "valid"), ("DIVORCE", "valid"), ("RETIRE", "valid")]
    holders = []
    for index, (birth, statuses) in enumerate(
        [("19900101", "vvnn"), ("19600315", "vvnv"), ("19700101", "evvn"), ("20040101", "vnnn")]
    ):
        holder = valid_citizen_id(region="630100", birth=birth)
        HOLDINGS[holder] = [
            {
                "type_code": catalog_demo.license_type(key).code,
                "status": {"v": status, "e": "expired"}[flag],
                "identifier": f"bench-{index}-{key}",
                "expires_on": None,
            }
            for (key, status), flag in zip(kinds, statuses, strict=True)
            if flag != "n"
        ]
        holders.append(holder)
    return holders


REQUESTS = [
    ("630000-MZ-0001", {"previously_divorced": False, "partner_id": "630102199001011234"}),
    ("630000-MZ-0001", {"previously_divorced": True, "partner_id": "630102199001011234"}),
    ("630000-WJ-0001", {"child_order": 2}),
    ("630000-GJJ-0001", {"transfer_amount": "250000.50"}),
    ("630000-YB-0001", {"target_region": "成都市", "reason": "异地长期居住"}),
    ("630000-MZ-0002", {"retired": True}),
]


def bench_resolutions(total: int) -> None:
    from rules.resolution import resolve

    holders = demo_holders()
    day = date(2026, 6, 1)
    baseline = None
    gc.collect()
    started = time.perf_counter()
    for index in range(total):
        code, answers = REQUESTS[index % len(REQUESTS)]
        resolve(service_code=code, holder_code=holders[index % len(holders)], answers=answers, on=day)
        if index + 1 == 1000:
            gc.collect()
            baseline = rss_mb()
    elapsed = time.perf_counter() - started
    gc.collect()
    end = rss_mb()
    print(f"resolutions: {total:,} full resolutions in {elapsed:.1f} s ({total / elapsed:,.0f}/s), no error")
    print(
        f"  RSS after 1,000: {baseline:.1f} MB · at the end: {end:.1f} MB · growth after the first 1,000: {end - baseline:+.2f} MB (limit 10 MB)"
    )
    if end - baseline >= 10:
        raise SystemExit("FAILED: RSS grew by 10 MB or more")


def bench_publish(cycles: int) -> None:
    from rules.engine.runtime import default_engine
    from rules.models import RuleSet
    from rules.resolution import resolve
    from rules.services import create_draft_version, publish_ruleset

    holders = demo_holders()
    code = "630000-WJ-0001"
    day = date(2026, 1, 2)
    gc.collect()
    before = rss_mb()
    checkpoints: list[str] = []
    started = time.perf_counter()
    for cycle in range(cycles):
        newest = RuleSet.objects.filter(service_code=code).order_by("-version").first()
        draft = create_draft_version(ruleset=newest)
        draft.title = f"第{cycle}次修订"
        draft.save()
        published = publish_ruleset(ruleset=draft, effective_from=day + timedelta(days=cycle + 1))
        resolution = resolve(
            service_code=code, holder_code=holders[0], answers={"child_order": 1}, on=published.valid_from
        )
        assert resolution["ruleset"]["version"] == published.version
        if cycle == 9:
            gc.collect()
            after_ten = rss_mb()
        if (cycle + 1) % 50 == 0:
            gc.collect()
            checkpoints.append(f"{cycle + 1}: {rss_mb():.1f}")
    elapsed = time.perf_counter() - started
    gc.collect()
    end = rss_mb()
    engine = default_engine()
    print(
        f"publish: {cycles} publish cycles in {elapsed:.1f} s; engine holds {len(engine.loaded_names)} rulesets "
        f"(capacity {engine.capacity}), registered {engine.registrations}, released {engine.releases}"
    )
    print(
        f"  RSS before: {before:.1f} MB · after 10 cycles: {after_ten:.1f} MB · at the end: {end:.1f} MB · "
        f"growth: {end - before:+.2f} MB (limit 20 MB)"
    )
    print("  RSS (MB) after cycles — " + " · ".join(checkpoints))
    if end - before > 20:
        raise SystemExit("FAILED: RSS grew by more than 20 MB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--full", action="store_true", help="100,000 resolutions (the acceptance run)")
    parser.add_argument(
        "--resolutions", type=int, help="number of full resolutions (default 10,000; --full 100,000)"
    )
    parser.add_argument("--cycles", type=int, default=200, help="publish cycles (default 200)")
    parser.add_argument(
        "--rounds", type=int, default=20, help="rounds over the demo rule tests in the speed part"
    )
    parser.add_argument("--only", choices=["speed", "resolutions", "publish"])
    args = parser.parse_args()
    total = args.resolutions or (100_000 if args.full else 10_000)
    print(
        f"python {sys.version.split()[0]} · durable-rules 2.0.28 · {os.cpu_count()} CPUs · database {WORKDIR}/bench.sqlite3"
    )
    setup_django()
    if args.only in (None, "speed"):
        bench_speed(args.rounds)
    if args.only in (None, "resolutions"):
        bench_resolutions(total)
    if args.only in (None, "publish"):
        bench_publish(args.cycles)


if __name__ == "__main__":
    main()
