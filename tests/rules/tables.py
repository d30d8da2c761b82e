"""Small hand-made tables for tests that need no database (the spec's service part, as a snapshot)."""

from rules.table import ConditionInput, RowInput
from rules.validation import build_table

ID, HUKOU, RETIRE = "11630000013926001A001", "11630000013926001A002", "11630000013926003K002"
LICENSE_TYPES = {ID: "居民身份证", HUKOU: "户口簿", RETIRE: "退休证"}

SERVICE = {
    "code": "630000-T-0001",
    "version": 1,
    "name": "测试事项",
    "department": {"uscc": "11630000013926002D", "name": "民政厅"},
    "applicant_kind": "person",
    "questions": [
        {"key": "divorced", "label": "是否曾经离婚", "type": "bool", "choices": [], "required": True},
        {"key": "children", "label": "子女数", "type": "int", "choices": [], "required": False},
        {"key": "amount", "label": "金额", "type": "decimal", "choices": [], "required": False},
        {"key": "reason", "label": "原因", "type": "choice", "choices": ["投靠", "购房"], "required": False},
    ],
    "materials": [
        {"license_type": ID, "name": "居民身份证", "mode": "auto", "required": True, "note": ""},
        {"license_type": HUKOU, "name": "户口簿", "mode": "auto", "required": True, "note": ""},
        {"license_type": None, "name": "照片", "mode": "upload", "required": True, "note": ""},
    ],
}


def row(
    number,
    conditions=(),
    *,
    priority=0,
    outcome="requirement",
    license_type=ID,
    mode="upload",
    route="",
    reason="理由",
):
    return RowInput(
        number=number,
        priority=priority,
        outcome=outcome,
        license_type=license_type if outcome == "requirement" else "",
        mode=mode if outcome == "requirement" else "",
        route=route,
        reason=reason,
        conditions=[
            ConditionInput(fact, op, value, column=i)
            for i, (fact, op, value) in enumerate(conditions, start=1)
        ],
    )


def table(*rows, service=SERVICE, default_route="instant"):
    return build_table(
        ruleset={"code": service["code"], "version": 1, "default_route": default_route},
        service=service,
        license_types=LICENSE_TYPES,
        rows=list(rows),
    )
