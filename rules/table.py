"""The decision table as plain data: what policy staff typed (inputs) and what is compiled (the spec).

The admin turns model rows into ``RowInput``s; ``rules.validation.build_table`` checks them and
returns the JSON spec that is frozen on a published ruleset, compiled to durable-rules and
evaluated. The spec is self-contained (questions, material defaults, license type names), so a
pinned version resolves exactly the same way however the catalog changes afterwards.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

# Labels stay Chinese in specs and resolutions; marked (gettext_noop) so pages can translate them on display.
from django.utils.translation import gettext_noop

SPEC_FORMAT = 1

REQUIREMENT = "requirement"
ROUTE = "route"
FEE_EXEMPTION = "fee_exemption"
OUTCOME_LABELS = {
    REQUIREMENT: gettext_noop("材料要求"),
    ROUTE: gettext_noop("办理路径"),
    FEE_EXEMPTION: gettext_noop("减免收费"),
}

MODES = {
    "auto": gettext_noop("免提交（自动调取）"),
    "upload": gettext_noop("上传电子材料"),
    "paper": gettext_noop("提交纸质材料"),
    "exempt": gettext_noop("免于提交"),
}
# At equal priority the stricter mode wins (only reachable if validation could not prove overlap).
MODE_STRICTNESS = {"exempt": 0, "auto": 1, "upload": 2, "paper": 3}
ROUTES = {"instant": gettext_noop("即办（秒批）"), "review": gettext_noop("人工审核")}
ROUTE_STRICTNESS = {"instant": 0, "review": 1}


@dataclass
class ConditionInput:
    fact: str
    operator: str
    value: str
    column: int = 0  # 1-based position within the row, for error messages


@dataclass
class RowInput:
    number: int
    priority: int
    outcome: str
    license_type: str = ""  # type code
    mode: str = ""
    route: str = ""
    department: dict | None = None  # {"uscc", "name"}
    reason: str = ""
    conditions: list[ConditionInput] = field(default_factory=list)


@dataclass(frozen=True)
class TableError:
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行" if self.row is not None else "规则集"
        return f"{where}·{self.column}：{self.message}" if self.column else f"{where}：{self.message}"

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message, "text": str(self)}


class TableInvalid(Exception):
    def __init__(self, errors: list[TableError]):
        super().__init__("；".join(str(e) for e in errors))
        self.errors = errors


def canonical_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def spec_hash(spec: dict) -> str:
    return hashlib.sha256(canonical_json(spec).encode()).hexdigest()


def summarise_outcome(outcome: dict, license_names: dict[str, str]) -> str:
    kind = outcome["kind"]
    if kind == REQUIREMENT:
        name = license_names.get(outcome["license_type"], outcome["license_type"])
        return f"{name}：{MODES[outcome['mode']]}"
    if kind == ROUTE:
        department = (outcome.get("department") or {}).get("name")
        return ROUTES[outcome["route"]] + (f"（{department}）" if department else "")
    return "减免收费"
