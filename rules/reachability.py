"""Can any input satisfy a set of conditions? Used to find unreachable rows and real conflicts.

Each fact's conditions are intersected into a domain (an integer interval with holes for
numbers — amounts and dates are integers in the engine —, a finite set for bool/choice, an
allowed/excluded set for text, nested codes for regions). The answer is exact for these
operators; it never calls a satisfiable row unreachable.
"""

from __future__ import annotations

from rules.facts import BOOL, CHOICE, NUMERIC_TYPES, REGION, TEXT, FactCatalog, region_contains

AGE_RANGE = (0, 150)
EXHAUSTIVE_LIMIT = 10_000


def _numeric_ok(conditions: list[dict], bounds: tuple[int | None, int | None]) -> bool:
    lo, hi = bounds
    allowed: set | None = None
    excluded: set = set()
    for cond in conditions:
        op, values = cond["op"], cond["values"]
        value = values[0]
        if op == "eq":
            allowed = {value} if allowed is None else allowed & {value}
        elif op == "in":
            allowed = set(values) if allowed is None else allowed & set(values)
        elif op == "ne":
            excluded.add(value)
        elif op == "not_in":
            excluded.update(values)
        elif op == "gt":
            lo = value + 1 if lo is None else max(lo, value + 1)
        elif op == "gte":
            lo = value if lo is None else max(lo, value)
        elif op == "lt":
            hi = value - 1 if hi is None else min(hi, value - 1)
        elif op == "lte":
            hi = value if hi is None else min(hi, value)
    inside = lambda x: (lo is None or x >= lo) and (hi is None or x <= hi) and x not in excluded  # noqa: E731
    if allowed is not None:
        return any(inside(x) for x in allowed)
    if lo is not None and hi is not None:
        if lo > hi:
            return False
        if hi - lo < EXHAUSTIVE_LIMIT:
            return any(inside(x) for x in range(lo, hi + 1))
    return True


def _finite_ok(conditions: list[dict], universe: set) -> bool:
    allowed = set(universe)
    for cond in conditions:
        op, values = cond["op"], set(cond["values"])
        if op in ("eq", "in"):
            allowed &= values
        else:
            allowed -= values
    return bool(allowed)


def _text_ok(conditions: list[dict]) -> bool:
    allowed: set | None = None
    excluded: set = set()
    for cond in conditions:
        op, values = cond["op"], set(cond["values"])
        if op in ("eq", "in"):
            allowed = values if allowed is None else allowed & values
        else:
            excluded |= values
    return allowed is None or bool(allowed - excluded)


def _region_ok(conditions: list[dict]) -> bool:
    required = [cond["values"] for cond in conditions if cond["op"] == "in"]
    excluded = [code for cond in conditions if cond["op"] == "not_in" for code in cond["values"]]
    if not required:
        return True
    for witness in {code for codes in required for code in codes}:
        if all(any(region_contains(outer, witness) for outer in codes) for codes in required) and not any(
            region_contains(outer, witness) for outer in excluded
        ):
            return True
    return False


def satisfiable(conditions: list[dict], catalog: FactCatalog, *, applicant_kinds: set[str]) -> bool:
    """True if some input makes every condition (spec form: fact/op/values) hold."""
    kinds = set(applicant_kinds)
    by_fact: dict[str, list[dict]] = {}
    for cond in conditions:
        by_fact.setdefault(cond["fact"], []).append(cond)
        fact = catalog.get(cond["fact"])
        if fact is not None and fact.only_for:
            kinds &= {fact.only_for}
    for cond in by_fact.get("applicant.kind", []):
        if cond["op"] in ("eq", "in"):
            kinds &= set(cond["values"])
        else:
            kinds -= set(cond["values"])
    if not kinds:
        return False
    for key, conds in by_fact.items():
        fact = catalog.get(key)
        if fact is None or key == "applicant.kind":
            continue
        if fact.type in NUMERIC_TYPES:
            ok = _numeric_ok(conds, AGE_RANGE if key == "applicant.age" else (None, None))
        elif fact.type == BOOL:
            ok = _finite_ok(conds, {True, False})
        elif fact.type == CHOICE:
            ok = _finite_ok(conds, set(fact.choice_codes))
        elif fact.type == TEXT:
            ok = _text_ok(conds)
        elif fact.type == REGION:
            ok = _region_ok(conds)
        else:
            ok = True
        if not ok:
            return False
    return True
