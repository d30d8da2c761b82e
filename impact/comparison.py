"""What would change for one case: its stored resolution against the draft's resolution of the same facts.

Pure functions over resolution dicts (see docs/rules.md). "No change" means identical: the parts an applicant
and a handler act on — every material entry, the route, the fee exemption — are compared field by field, and
any difference is reported. Differences are sorted into kinds: a material's mode, the route (instant/review),
the fee exemption, a required question the draft asks that the stored facts do not answer, and everything
else (a reason text, the deciding row, a department) as "other".
"""

from __future__ import annotations

from rules import facts as F
from rules.table import MODES, ROUTES

COMPARED = ("materials", "route", "fee_exempt", "fee_exemption_reasons")
NOT_NEEDED = "不涉及"


def comparable(resolution: dict) -> dict:
    """The part of a resolution that decides what happens to a case (no version name, date or trace)."""
    return {key: resolution.get(key) for key in COMPARED}


def _material_key(material: dict) -> str:
    return material.get("license_type") or f"name:{material['name']}"


def _mode_label(material: dict | None) -> str:
    if material is None:
        return NOT_NEEDED
    return MODES.get(material["mode"], material["mode"])


def missing_required(spec: dict, facts: dict) -> list[dict]:
    """Required questions of ``spec`` whose answer the stored facts lack."""
    return [q for q in spec.get("questions", []) if q.get("required") and f"q_{q['key']}" not in facts]


def changes(*, stored: dict, draft: dict, draft_spec: dict) -> list[dict]:
    """Every difference between the stored and the draft resolution, as {kind, subject, before, after}."""
    found: list[dict] = []
    before = {_material_key(m): m for m in stored.get("materials", [])}
    after = {_material_key(m): m for m in draft.get("materials", [])}
    for key in [*before, *(k for k in after if k not in before)]:
        old, new = before.get(key), after.get(key)
        name = (new or old)["name"]
        if old is None or new is None or old["mode"] != new["mode"]:
            found.append(
                {"kind": "mode", "subject": name, "before": _mode_label(old), "after": _mode_label(new)}
            )
        elif old != new:
            found.append(
                {
                    "kind": "other",
                    "subject": name,
                    "before": _explain_material(old),
                    "after": _explain_material(new),
                }
            )
    old_route, new_route = stored.get("route") or {}, draft.get("route") or {}
    if old_route.get("route") != new_route.get("route"):
        found.append(
            {
                "kind": "route",
                "subject": "办理路径",
                "before": ROUTES.get(old_route.get("route"), str(old_route.get("route"))),
                "after": ROUTES.get(new_route.get("route"), str(new_route.get("route"))),
            }
        )
    elif old_route != new_route:
        found.append(
            {
                "kind": "other",
                "subject": "办理路径",
                "before": _explain_route(old_route),
                "after": _explain_route(new_route),
            }
        )
    if bool(stored.get("fee_exempt")) != bool(draft.get("fee_exempt")):
        found.append(
            {
                "kind": "fee",
                "subject": "减免收费",
                "before": "减免" if stored.get("fee_exempt") else "不减免",
                "after": "减免" if draft.get("fee_exempt") else "不减免",
            }
        )
    elif stored.get("fee_exemption_reasons") != draft.get("fee_exemption_reasons"):
        found.append(
            {
                "kind": "other",
                "subject": "减免收费",
                "before": "；".join(stored.get("fee_exemption_reasons") or []),
                "after": "；".join(draft.get("fee_exemption_reasons") or []),
            }
        )
    for question in missing_required(draft_spec, stored.get("facts") or {}):
        found.append(
            {"kind": "required", "subject": question["label"], "before": "（未回答）", "after": "必答"}
        )
    if not found and comparable(stored) != comparable(draft):
        # a difference none of the above names (e.g. a key only one side has): still a change, never hidden
        found.append({"kind": "other", "subject": "判定结果", "before": "原判定", "after": "与原判定不同"})
    return found


def _explain_material(material: dict) -> str:
    where = f"第{material['row']}行" if material.get("row") else "材料清单默认"
    required = "必要" if material.get("required") else "视情形"
    return f"{material.get('reason', '')}（{where}，{required}）"


def _explain_route(route: dict) -> str:
    where = f"第{route['row']}行" if route.get("row") else "规则集默认"
    department = (route.get("department") or {}).get("name") or ""
    return "，".join(part for part in (route.get("reason") or "", department, where) if part)


def fact_summary(facts: dict, *, specs: list[dict], catalog: F.FactCatalog) -> list[list[str]]:
    """[label, shown value] of every fact the rows of ``specs`` read; identifiers in text answers masked."""
    from catalogs.identifiers import mask_code

    keys: list[str] = []
    for spec in specs:
        for row in spec.get("rows", []):
            for cond in row.get("conditions", []):
                if cond["fact"] not in keys:
                    keys.append(cond["fact"])
    shown = []
    for key in keys:
        fact = catalog.get(key)
        if fact is None:
            continue
        value = facts.get("a_region") if fact.type == F.REGION else facts.get(fact.engine_field)
        text = F.display(fact, value)
        if fact.type == F.TEXT and value is not None:
            text = mask_code(str(value))
        shown.append([fact.label, text])
    return shown
