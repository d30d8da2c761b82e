"""`bench/run_all.py --quick` runs every benchmark of docs/benchmarks.md at tiny sizes and each hands back its
rows (figure, floor, ratio, goal, command): the benchmarks still run. Their numbers are not checked here."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PARTS = [
    "license verification, repeat (ecdsa-p256-sha256",
    "license verification, first (ecdsa-p256-sha256",
    "license verification, repeat (sm2-sm3",
    "license verification, first (sm2-sm3",
    "documents: 决定书",
    "archive check (四性检测)",
    "rules",
    "end to end, instant path",
    "public verify API on gunicorn",
]


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("RUN_SLOW"), reason="~2 minutes; RUN_SLOW=1 (CI) runs it")
def test_every_benchmark_runs_and_reports_its_rows():
    docs = ROOT / "docs/benchmarks.md"
    before = docs.read_bytes()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BENCH_RESULTS")}
    process = subprocess.run(
        [sys.executable, "bench/run_all.py", "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert process.returncode == 0, process.stdout[-4000:] + process.stderr[-2000:]
    table = process.stdout[process.stdout.rindex("| part |") :]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| part")]
    for part in PARTS:
        assert any(row.startswith(f"| {part}") for row in rows), f"no row for {part}:\n{table}"
    for row in rows:  # every row names the command that produced it
        assert "`.venv/bin/python bench/" in row, row
    assert docs.read_bytes() == before, "the quick form must not rewrite docs/benchmarks.md"
