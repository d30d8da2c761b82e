"""Check a decision table as typed by policy staff and build its spec; every error names row and column.

``build_table`` never lets a value into the spec that is not of its fact's type, so the
compiled rules compare like with like.
"""

from __future__ import annotations

from rules import facts as F
from rules.reachability import satisfiable
from rules.table import (
    FEE_EXEMPTION,
    MODES,
    OUTCOME_LABELS,
    REQUIREMENT,
    ROUTE,
    ROUTES,
    SPEC_FORMAT,
    RowInput,
    TableError,
    TableInvalid,
)


def applicant_kinds(service: dict) -> set[str]:
    kind = service.get("applicant_kind", "both")
    return {"person", "enterprise"} if kind == "both" else {kind}


def fact_catalog(*, service: dict, license_types: dict[str, str]) -> F.FactCatalog:
    return F.build_catalog(questions=service.get("questions", []), license_types=license_types)


def _condition(
    row: RowInput, cond, catalog: F.FactCatalog, errors: list[TableError], former_questions: dict[str, str]
) -> dict | None:
    column = f"条件{cond.column}"
    fact = catalog.get(cond.fact)
    if fact is None:
        question = cond.fact.removeprefix("answer.") if cond.fact.startswith("answer.") else None
        if cond.fact.startswith("license."):
            errors.append(TableError(row.number, column, f"未知的证照类型“{cond.fact[8:]}”"))
        elif question in former_questions:
            errors.append(
                TableError(
                    row.number,
                    f"{column}（{former_questions[question]}）",
                    f"事项的现行版本已没有问题“{former_questions[question]}”：请删除或改写该条件，或在事项中恢复该问题",
                )
            )
        else:
            errors.append(
                TableError(
                    row.number, column, f"未知的事实“{cond.fact}”：请从列表中选择申请人、问题、证照或渠道"
                )
            )
        return None
    column = f"条件{cond.column}（{fact.label}）"
    if cond.operator not in F.OPERATORS:
        errors.append(TableError(row.number, column, f"未知的运算符“{cond.operator}”"))
        return None
    if cond.operator not in fact.operators:
        allowed = "、".join(F.OPERATORS[op] for op in fact.operators)
        errors.append(
            TableError(
                row.number, column, f"运算符“{F.OPERATORS[cond.operator]}”不适用于该事实（可用：{allowed}）"
            )
        )
        return None
    value = (cond.value or "").strip()
    texts = ([value] if value else []) if cond.operator in F.SINGLE_VALUE_OPERATORS else F.split_values(value)
    if not texts:
        errors.append(TableError(row.number, column, "请填写比较的值"))
        return None
    values = []
    for text in texts:
        try:
            values.append(F.parse_text(fact, text))
        except F.FactValueError as error:
            errors.append(TableError(row.number, column, str(error)))
            return None
    return {"fact": fact.key, "op": cond.operator, "values": list(dict.fromkeys(values)), "text": value}


def _outcome(row: RowInput, license_types: dict[str, str], errors: list[TableError]) -> dict | None:
    if row.outcome not in OUTCOME_LABELS:
        errors.append(TableError(row.number, "结果类型", f"未知的结果类型“{row.outcome}”"))
        return None
    reason = (row.reason or "").strip()
    if row.outcome == REQUIREMENT:
        if not row.license_type:
            errors.append(TableError(row.number, "证照类型", "材料要求必须选择证照类型"))
            return None
        if row.license_type not in license_types:
            errors.append(TableError(row.number, "证照类型", f"未知或已停用的证照类型“{row.license_type}”"))
            return None
        if row.mode not in MODES:
            errors.append(TableError(row.number, "提交方式", "请选择提交方式：免提交、上传、纸质或免于提交"))
            return None
        if not reason:
            errors.append(TableError(row.number, "理由", "请填写向申请人说明的理由"))
            return None
        return {"kind": REQUIREMENT, "license_type": row.license_type, "mode": row.mode, "reason": reason}
    if row.outcome == ROUTE:
        if row.route not in ROUTES:
            errors.append(TableError(row.number, "办理路径", "请选择办理路径：即办（秒批）或人工审核"))
            return None
        return {"kind": ROUTE, "route": row.route, "department": row.department or None, "reason": reason}
    if not reason:
        errors.append(TableError(row.number, "理由", "减免收费必须填写理由（依据）"))
        return None
    return {"kind": FEE_EXEMPTION, "reason": reason}


def _conflict_key(outcome: dict) -> tuple | None:
    if outcome["kind"] == REQUIREMENT:
        return ("requirement", outcome["license_type"])
    if outcome["kind"] == ROUTE:
        return ("route",)
    return None


def _decision(outcome: dict) -> str:
    return outcome.get("mode") or outcome.get("route") or ""


def build_table(
    *,
    ruleset: dict,
    service: dict,
    license_types: dict[str, str],
    rows: list[RowInput],
    former_questions: dict[str, str] | None = None,
) -> dict:
    """Validate ``rows`` and return the self-contained spec; raise TableInvalid listing every error.
    ``former_questions`` (key → label) name questions earlier versions of the item had, for the messages."""
    catalog = fact_catalog(service=service, license_types=license_types)
    kinds = applicant_kinds(service)
    errors: list[TableError] = []
    built: list[dict] = []
    numbers = [row.number for row in rows]
    for row in rows:
        if numbers.count(row.number) > 1:
            errors.append(TableError(row.number, "序号", "序号重复"))
        before = len(errors)
        conditions = [
            c
            for c in (
                _condition(row, cond, catalog, errors, former_questions or {}) for cond in row.conditions
            )
            if c
        ]
        outcome = _outcome(row, license_types, errors)
        if len(errors) > before or outcome is None:
            continue
        if not satisfiable(conditions, catalog, applicant_kinds=kinds):
            errors.append(
                TableError(
                    row.number,
                    "条件",
                    "没有任何申请能同时满足本行的全部条件（该行永远不会生效），请检查条件是否矛盾",
                )
            )
            continue
        built.append(
            {
                "number": row.number,
                "priority": int(row.priority),
                "conditions": conditions,
                "outcome": outcome,
            }
        )

    for index, first in enumerate(built):
        for second in built[index + 1 :]:
            key = _conflict_key(first["outcome"])
            if (
                key is None
                or key != _conflict_key(second["outcome"])
                or first["priority"] != second["priority"]
            ):
                continue
            if _decision(first["outcome"]) == _decision(second["outcome"]):
                continue
            if satisfiable(first["conditions"] + second["conditions"], catalog, applicant_kinds=kinds):
                column = "提交方式" if key[0] == "requirement" else "办理路径"
                what = license_types.get(key[1], "") if key[0] == "requirement" else "办理路径"
                errors.append(
                    TableError(
                        second["number"],
                        column,
                        f"与第{first['number']}行优先级相同（{first['priority']}），条件可能同时满足，却对“{what}”给出不同结果，请调整优先级或条件",
                    )
                )
    if errors:
        raise TableInvalid(errors)

    referenced = {m["license_type"] for m in service.get("materials", []) if m.get("license_type")}
    referenced |= {r["outcome"]["license_type"] for r in built if r["outcome"]["kind"] == REQUIREMENT}
    referenced |= {c["fact"][8:] for r in built for c in r["conditions"] if c["fact"].startswith("license.")}
    return {
        "format": SPEC_FORMAT,
        "ruleset": {"code": ruleset["code"], "version": ruleset["version"]},
        "default_route": ruleset.get("default_route", "review"),
        "service": {k: service.get(k) for k in ("code", "version", "name", "department", "applicant_kind")},
        "questions": service.get("questions", []),
        "materials": service.get("materials", []),
        "license_types": {code: license_types[code] for code in sorted(referenced) if code in license_types},
        "rows": sorted(built, key=lambda r: r["number"]),
    }
