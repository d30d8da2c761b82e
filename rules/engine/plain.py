"""A plain-Python evaluator of the *same* compiled definition the rete engine runs.

Used as the baseline of the benchmark and as an oracle in tests (engine and interpreter must
agree on every demo rule test). It implements exactly the operators the compiler emits.
"""

from __future__ import annotations

from rules.engine.compiler import MARKER

_MISSING = object()
_COMPARE = {
    "$lt": lambda a, b: a < b,
    "$lte": lambda a, b: a <= b,
    "$gt": lambda a, b: a > b,
    "$gte": lambda a, b: a >= b,
    "$neq": lambda a, b: a != b,
}


def matches(expr: dict, fact: dict) -> bool:
    for key, operand in expr.items():
        if key == "$and":
            if not all(matches(sub, fact) for sub in operand):
                return False
        elif key == "$or":
            if not any(matches(sub, fact) for sub in operand):
                return False
        elif key == "$ex":
            if any(name not in fact for name in operand):
                return False
        elif key == "$nex":
            if any(name in fact for name in operand):
                return False
        elif key in _COMPARE:
            for name, value in operand.items():
                actual = fact.get(name, _MISSING)
                if actual is _MISSING or not _COMPARE[key](actual, value):
                    return False
        elif fact.get(key, _MISSING) != operand:
            return False
    return True


def fire(definition: dict, fact: dict) -> list[int]:
    """The numbers of the rows whose conditions hold for ``fact`` (in row order)."""
    fact = {**fact, MARKER: 1}  # as the engine runtime asserts it
    fired = [int(name[4:]) for name, rule in definition.items() if matches(rule["all"][0]["m"], fact)]
    return sorted(fired)
