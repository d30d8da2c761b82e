"""Compile a validated table spec to a durable-rules ruleset definition (pure data, no functions).

One engine rule per table row (``row_<number>``), all matching on a single fact: the flat, typed
facts of one evaluation. Every condition is guarded by ``$ex`` on its field, so a condition on a
fact that is absent (an unanswered optional question, the age of an enterprise) is false; lists
(``in``/``not_in``) become ``$or``/``$and`` because the engine has no ``$in``. The definition is
content-addressed: its name is derived from the SHA-256 of the spec, so one version is registered
once per process whatever the number of callers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rules import facts as F
from rules.assembly import ResolutionPlan, build_plan
from rules.table import spec_hash
from rules.validation import fact_catalog

MARKER = "mzb"  # present on every asserted fact; a row without conditions matches on it alone
COMPARATORS = {"lt": "$lt", "lte": "$lte", "gt": "$gt", "gte": "$gte"}


@dataclass(frozen=True)
class CompiledTable:
    name: str
    definition: dict  # {"row_<n>": {"all": [{"m": expr}]}} — no "run" (the engine adds it)
    spec: dict
    fields: dict  # fact key -> engine field the rows read
    catalog: F.FactCatalog = field(compare=False, repr=False, default=None)
    rows_by_number: dict = field(compare=False, repr=False, default=None)
    plan: ResolutionPlan = field(compare=False, repr=False, default=None)  # see rules.assembly


def _field(fact_key: str, catalog: F.FactCatalog) -> str:
    return catalog.get(fact_key).engine_field


def compile_condition(cond: dict, catalog: F.FactCatalog) -> dict:
    fact = catalog.get(cond["fact"])
    op, values = cond["op"], cond["values"]
    if fact.type == F.REGION:
        matches = [{F.region_field(code): code} for code in values]
        expr = matches[0] if len(matches) == 1 else {"$or": matches}
        if op == "not_in":
            expr = {"$and": [{"$neq": {F.region_field(code): code}} for code in values]}
        return {"$and": [{"$ex": {"a_region": 1}}, expr]}
    field = fact.engine_field
    if op == "eq":
        expr = {field: values[0]}
    elif op == "ne":
        expr = {"$neq": {field: values[0]}}
    elif op in COMPARATORS:
        expr = {COMPARATORS[op]: {field: values[0]}}
    elif op == "in":
        expr = {field: values[0]} if len(values) == 1 else {"$or": [{field: v} for v in values]}
    elif op == "not_in":
        expr = {"$and": [{"$neq": {field: v}} for v in values]}
    else:  # validation refuses anything else; never compile a guess
        raise ValueError(f"unknown operator {op!r}")
    return {"$and": [{"$ex": {field: 1}}, expr]}


def compile_table(spec: dict) -> CompiledTable:
    catalog = fact_catalog(
        service={**spec["service"], "questions": spec["questions"]}, license_types=spec["license_types"]
    )
    definition = {}
    fields: dict[str, str] = {}
    for row in spec["rows"]:
        exprs = [{MARKER: 1}]
        for cond in row["conditions"]:
            exprs.append(compile_condition(cond, catalog))
            fields[cond["fact"]] = catalog.get(cond["fact"]).engine_field
        definition[f"row_{row['number']}"] = {"all": [{"m": {"$and": exprs}}]}
    name = f"mzb_{spec['ruleset']['code']}_v{spec['ruleset']['version']}_{spec_hash(spec)[:16]}"
    return CompiledTable(
        name=name,
        definition=definition,
        spec=spec,
        fields=fields,
        catalog=catalog,
        rows_by_number={row["number"]: row for row in spec["rows"]},
        plan=build_plan(spec, catalog),
    )
