"""Every figure of issue 12's table in one run: `make bench` (under 15 minutes on the project's 2-core box).

    .venv/bin/python bench/run_all.py            # the full run: prints the table, rewrites docs/benchmarks.md
    .venv/bin/python bench/run_all.py --quick    # seconds, tiny sizes: the benchmarks still run (CI smoke test)
    .venv/bin/python bench/run_all.py --only licenses_verify.py,rules_bench.py

Each benchmark is its own script under bench/, run in its own process; it prints its own figures and hands
its rows to this runner through `bench/results.py` (a JSON-lines file named by BENCH_RESULTS). Every row
carries its figure, the floor measured in the same run, the ratio, the goal and the command. A script that
is listed in OPTIONAL joins the table when it exists (another branch may add it); its printed section is
copied into the docs as it is.

The quick form checks that every benchmark still runs and produces its rows, not the numbers: it never
rewrites docs/benchmarks.md.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from results import met  # noqa: E402

PY = ".venv/bin/python"


class Bench:
    def __init__(
        self, script, full, quick, *, timeout=300, quick_timeout=120, optional=False, in_quick=True, env=None
    ):
        self.script, self.full, self.quick, self.env = script, full, quick, env or {}
        self.timeout, self.quick_timeout = timeout, quick_timeout
        self.optional, self.in_quick = optional, in_quick

    def args(self, quick: bool) -> list[str]:
        return self.quick if quick else self.full

    def command(self, quick: bool) -> str:
        settings = [f"{name}={value}" for name, value in self.env.items()]
        return " ".join([*settings, PY, f"bench/{self.script}", *self.args(quick)])


BENCHES = [
    Bench("licenses_verify.py", ["--seconds", "3"], ["--seconds", "0.2", "--licenses", "3"]),
    Bench(
        "documents.py",
        ["--renders", "10", "--packages", "20"],
        ["--renders", "1", "--packages", "1", "--kinds", "decision"],
        timeout=600,
    ),
    Bench("rules_bench.py", ["--only", "speed", "--rounds", "30"], ["--only", "speed", "--rounds", "1"]),
    Bench("end_to_end.py", ["--cases", "20"], ["--cases", "1"]),
    Bench("verify_api.py", ["--seconds", "10"], ["--seconds", "1", "--clients", "4"], timeout=200),
    # statistics, handler queue and applicant list at 1,000,000 cases on PostgreSQL (the cases are generated on
    # the first run, ~5 minutes, and kept in that database for the next); too big for the quick form
    Bench(
        "supervision_stats.py",
        [],
        [],
        timeout=900,
        in_quick=False,
        env={
            "DATABASE_URL": os.environ.get(
                "BENCH_SUPERVISION_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/supervision_bench"
            )
        },
    ),
]


def goal_text(goal) -> str:
    if not goal:
        return "—"
    op, value = goal
    return f"{op.replace('>=', '≥').replace('<=', '≤')} {value:g}"


def verdict(row: dict) -> str:
    outcome = met(row)
    if outcome is None:
        return "reported"
    if outcome:
        return "met"
    op, value = row["goal"]
    ratio = row["ratio"]
    if op in (">=", ">"):
        return f"missed: {ratio:.2f} of {value:g} ({value / ratio:.1f}× short)" if ratio else "missed"
    return f"missed: {ratio:.2f}, goal {value:g} ({ratio / value:.1f}× over)"


def cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(rows: list[dict]) -> list[str]:
    lines = [
        "| part | figure | floor (same run) | ratio | goal | result | what the time goes to / why | command |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = "—" if row.get("ratio") is None else f"{row['ratio']:.2f}"
        lines.append(
            "| "
            + " | ".join(
                cell(v)
                for v in (
                    row["part"],
                    row["figure"],
                    row["floor"] or "—",
                    ratio,
                    goal_text(row["goal"]),
                    verdict(row),
                    row["note"] or "",
                    f"`{row['command']}`",
                )
            )
            + " |"
        )
    return lines


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def run(benches: list[Bench], *, quick: bool) -> tuple[list[dict], list[tuple[Bench, str, float]], list[str]]:
    rows, outputs, failed = [], [], []
    for bench in benches:
        path = HERE / bench.script
        if not path.exists():
            if not bench.optional:
                failed.append(f"{bench.script}: missing")
            continue
        command = bench.command(quick)
        print(f"\n===== {command}", flush=True)
        with tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False) as handle:
            results_path = handle.name
        env = {**os.environ, **bench.env, "BENCH_RESULTS": results_path, "BENCH_COMMAND": command}
        if quick:
            env["BENCH_QUICK"] = "1"
        started = time.monotonic()
        try:
            process = subprocess.run(
                [sys.executable, str(path), *bench.args(quick)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=bench.quick_timeout if quick else bench.timeout,
            )
            output, code = process.stdout, process.returncode
        except subprocess.TimeoutExpired as error:
            output = (
                (error.stdout or b"").decode() if isinstance(error.stdout, bytes) else (error.stdout or "")
            )
            code = "timeout"
        elapsed = time.monotonic() - started
        print(output, end="", flush=True)
        produced = [json.loads(line) for line in Path(results_path).read_text().splitlines() if line.strip()]
        os.unlink(results_path)
        for row in produced:
            row["command"] = row.get("command") or command
        rows += produced
        outputs.append((bench, output, elapsed))
        if code != 0:
            failed.append(f"{bench.script}: exit {code}")
        elif not produced and not bench.optional:
            failed.append(f"{bench.script}: no rows")
        print(f"----- {bench.script}: {elapsed:.1f} s, {len(produced)} rows", flush=True)
    return rows, outputs, failed


def write_docs(rows, outputs, *, started: str, load_before: str, seconds: float) -> None:
    from importlib.metadata import version

    def v(name):
        try:
            return version(name)
        except Exception:
            return "?"

    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores (shared with other helpers' test runs), "
        f"Python {platform.python_version()}, Django {v('django')}, WeasyPrint {v('weasyprint')}, "
        f"durable-rules {v('durable-rules')}, gunicorn {v('gunicorn')}"
    )
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`.venv/bin/python bench/run_all.py`) — do not edit by hand; the analysis",
        "(profiles, what the time goes to, what was changed) is in `docs/benchmarks/performance.md`, per-area",
        "details in `docs/benchmarks/*.md`.",
        "",
        f"Run: {started}, {seconds / 60:.1f} minutes; load average before {load_before}, after {load_average()}.",
        f"Machine: {machine}.",
        "",
        "Every ratio is against a floor measured in the same run and process (the machine is shared and noisy:",
        "absolute rates move by ±30–50 % between runs, the ratios much less). Ratios are written in the",
        "direction of the goal: for speed, ours ÷ floor in operations per second; for the archive check, cost",
        "of checking ÷ cost of building.",
        "",
        *table(rows),
        "",
        "## Output of each benchmark",
        "",
    ]
    for bench, output, elapsed in outputs:
        lines += [
            f"### `{bench.command(False)}` ({elapsed:.0f} s)",
            "",
            "```",
            *[line for line in output.rstrip().splitlines() if " INFO axes." not in line],
            "```",
            "",
        ]
    (ROOT / "docs/benchmarks.md").write_text("\n".join(lines))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes: check the benchmarks run (CI)")
    parser.add_argument("--only", help="comma-separated script names")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite docs/benchmarks.md")
    args = parser.parse_args()
    benches = [b for b in BENCHES if b.in_quick or not args.quick]
    if args.only:
        wanted = set(args.only.split(","))
        benches = [b for b in benches if b.script in wanted]
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load_before = load_average()
    t0 = time.monotonic()
    rows, outputs, failed = run(benches, quick=args.quick)
    seconds = time.monotonic() - t0
    print("\n" + "\n".join(table(rows)))
    print(f"\n{len(rows)} rows in {seconds:.0f} s")
    if not args.quick and not args.no_write and not args.only:
        write_docs(rows, outputs, started=started, load_before=load_before, seconds=seconds)
        print("docs/benchmarks.md rewritten")
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
