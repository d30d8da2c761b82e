"""What a resolution is assembled from, worked out once per compiled table instead of per resolution.

A compiled table is immutable and cached per content hash (``rules.selectors``), so everything in a
resolution that depends only on the spec — each row's trace header and condition texts, the order in
which rows win, what a winning row decides, the material defaults, the default route — is computed
here once, when the table is compiled. ``rules.evaluation.resolve_facts`` then only reads the facts
and copies these templates into fresh dicts: a resolution never shares a mutable part with the plan
(callers add keys to it and store it with a case).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_noop

from rules import facts as F
from rules.table import (
    FEE_EXEMPTION,
    MODE_STRICTNESS,
    REQUIREMENT,
    ROUTE,
    ROUTE_STRICTNESS,
    summarise_outcome,
)

NOTHING = F.display(None, None)  # how an absent value is shown


@dataclass(frozen=True)
class ConditionPlan:
    fact: str
    label: str
    operator: str
    expected: str
    field: str | None  # the fact's engine field the actual value is read from; None for an unknown fact
    show: Callable[[object], str]  # engine value -> text, as ``rules.facts.display`` shows it


@dataclass(frozen=True)
class RowPlan:
    number: int
    priority: int
    kind: str
    summary: str
    conditions: tuple[ConditionPlan, ...]
    rank: tuple  # the winner among rows deciding the same thing is the one with the highest rank
    license_type: str | None = None
    decided: dict | None = None  # what a winning requirement row sets on its material (copied on use)
    outcome: dict | None = None

    def trace(self, facts: dict) -> dict:
        return {
            "row": self.number,
            "priority": self.priority,
            "outcome": self.summary,
            "conditions": [
                {
                    "fact": c.fact,
                    "label": c.label,
                    "operator": c.operator,
                    "expected": c.expected,
                    "actual": NOTHING if c.field is None else c.show(facts.get(c.field)),
                }
                for c in self.conditions
            ],
            "applied": False,
        }


@dataclass(frozen=True)
class ResolutionPlan:
    rows: dict[int, RowPlan]
    materials: tuple[dict, ...]  # one template per catalog material, in the catalog's order
    license_names: dict[str, str]
    default_route: dict
    service: dict


def _shower(fact: F.Fact) -> Callable[[object], str]:
    if fact.type != F.CHOICE:
        return lambda value: F.display(fact, value)
    labels = dict(fact.choices)  # Fact.choice_label builds this dict on every call
    return lambda value: NOTHING if value is None else labels.get(value, str(value))


def _condition(cond: dict, catalog: F.FactCatalog) -> ConditionPlan:
    fact = catalog.get(cond["fact"])
    field = None
    if fact is not None:
        field = "a_region" if fact.type == F.REGION else fact.engine_field
    return ConditionPlan(
        fact=cond["fact"],
        label=fact.label if fact else cond["fact"],
        operator=F.OPERATORS[cond["op"]],
        expected="、".join(F.display(fact, v) for v in cond["values"]),
        field=field,
        show=_shower(fact) if fact is not None else str,
    )


def _row(row: dict, spec: dict, catalog: F.FactCatalog) -> RowPlan:
    outcome = row["outcome"]
    kind = outcome["kind"]
    strictness = 0
    license_type = decided = None
    if kind == REQUIREMENT:
        strictness = MODE_STRICTNESS[outcome["mode"]]
        license_type = outcome["license_type"]
        decided = {
            "mode": outcome["mode"],
            "required": outcome["mode"] != "exempt",
            "reason": outcome["reason"],
            "decided_by": "row",
            "row": row["number"],
        }
    elif kind == ROUTE:
        strictness = ROUTE_STRICTNESS[outcome["route"]]
    return RowPlan(
        number=row["number"],
        priority=row["priority"],
        kind=kind,
        summary=summarise_outcome(outcome, spec["license_types"]),
        conditions=tuple(_condition(cond, catalog) for cond in row["conditions"]),
        rank=(row["priority"], strictness, -row["number"]),
        license_type=license_type,
        decided=decided,
        outcome=outcome if kind in (ROUTE, FEE_EXEMPTION) else None,
    )


def build_plan(spec: dict, catalog: F.FactCatalog) -> ResolutionPlan:
    materials = tuple(
        {
            "license_type": material.get("license_type"),
            "name": material["name"],
            "mode": material["mode"],
            "required": bool(material["required"]),
            "reason": material.get("note") or gettext_noop("事项材料清单的默认要求"),
            "decided_by": "catalog_default",
            "row": None,
        }
        for material in spec["materials"]
    )
    return ResolutionPlan(
        rows={row["number"]: _row(row, spec, catalog) for row in spec["rows"]},
        materials=materials,
        license_names=spec["license_types"],
        default_route={
            "route": spec["default_route"],
            "department": spec["service"].get("department") or None,
            "reason": gettext_noop("规则集默认办理路径"),
            "decided_by": "ruleset_default",
            "row": None,
        },
        service={
            "code": spec["service"]["code"],
            "version": spec["service"]["version"],
            "name": spec["service"]["name"],
        },
    )
