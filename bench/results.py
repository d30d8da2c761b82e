"""How a bench script hands its figures to `bench/run_all.py` (the table in docs/benchmarks.md).

A script calls ``record(...)`` once per row; when run by run_all, ``BENCH_RESULTS`` names a JSON-lines file
the rows are appended to. Run on its own, ``record`` does nothing beyond returning the row, so every script
still prints its own figures. Any other script can join the table the same way (run_all lists it).

A row: ``part`` (the table's first column), ``figure`` and ``floor`` (strings, with units), ``ratio``
(figure ÷ floor, as a number, in the direction the goal is written), ``goal`` (``(">=", 0.5)`` or
``("<=", 2.0)`` or ``("<", 150)`` …, or None when the row only reports), ``note`` (what the time went to;
why a goal is missed) and ``command`` (what produced it).
"""

import json
import os


def record(
    *,
    part: str,
    figure: str,
    floor: str = "",
    ratio: float | None = None,
    goal: tuple[str, float] | None = None,
    note: str = "",
    command: str = "",
    group: str = "",
) -> dict:
    row = {
        "part": part,
        "figure": figure,
        "floor": floor,
        "ratio": ratio,
        "goal": list(goal) if goal else None,
        "note": note,
        "command": command,
        "group": group,
    }
    path = os.environ.get("BENCH_RESULTS")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return row


def met(row: dict) -> bool | None:
    """Whether the row's ratio meets its goal (None when there is no goal or no ratio)."""
    if not row.get("goal") or row.get("ratio") is None:
        return None
    op, value = row["goal"]
    ratio = row["ratio"]
    return {">=": ratio >= value, ">": ratio > value, "<=": ratio <= value, "<": ratio < value}[op]
