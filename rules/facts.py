"""The typed facts a rule can test, and how raw input becomes a typed fact value.

A fact has a key (``applicant.age``, ``answer.previously_divorced``, ``license.<type code>``,
``channel``), a Chinese label, a type and, for finite types, its values. Every value is cast
and checked here *before* it reaches the rete engine: durable-rules compares across types
(``"20" >= 18`` holds, ``"" == 18`` holds), so the engine only ever sees values of the fact's
own type. Engine representation: int → int, decimal amount → integer cents, date → ordinal
day number, bool → bool, everything else → str.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

# Labels stay Chinese in specs and resolutions; marked (gettext_noop) so pages can translate them on display.
from django.utils.translation import gettext_noop

INT = "int"
DECIMAL = "decimal"
DATE = "date"
BOOL = "bool"
CHOICE = "choice"
TEXT = "text"
REGION = "region"

NUMERIC_TYPES = {INT, DECIMAL, DATE}
FINITE_TYPES = {BOOL, CHOICE}

OPERATORS = {
    "eq": gettext_noop("等于"),
    "ne": gettext_noop("不等于"),
    "lt": gettext_noop("小于"),
    "lte": gettext_noop("小于等于"),
    "gt": gettext_noop("大于"),
    "gte": gettext_noop("大于等于"),
    "in": gettext_noop("属于（任一）"),
    "not_in": gettext_noop("不属于（任一）"),
}
OPERATORS_BY_TYPE = {
    INT: ["eq", "ne", "lt", "lte", "gt", "gte", "in", "not_in"],
    DECIMAL: ["eq", "ne", "lt", "lte", "gt", "gte"],
    DATE: ["eq", "ne", "lt", "lte", "gt", "gte"],
    BOOL: ["eq", "ne"],
    CHOICE: ["eq", "ne", "in", "not_in"],
    TEXT: ["eq", "ne", "in", "not_in"],
    REGION: ["in", "not_in"],
}
SINGLE_VALUE_OPERATORS = {"eq", "ne", "lt", "lte", "gt", "gte"}

LICENSE_STATUSES = [
    ("valid", gettext_noop("有效")),
    ("suspended", gettext_noop("暂扣")),
    ("revoked", gettext_noop("吊销")),
    ("cancelled", gettext_noop("注销")),
    ("expired", gettext_noop("过期")),
    ("none", gettext_noop("未持有")),
]
# When a holder holds several licenses of one type, the most useful one speaks for the type.
STATUS_RANK = {code: rank for rank, (code, _label) in enumerate(LICENSE_STATUSES)}

MAX_AMOUNT_PLACES = 2
MAX_TEXT_LENGTH = 200
LIST_SEPARATORS = re.compile(r"[、,，|;；]")
INT_RE = re.compile(r"^-?\d{1,12}$")
DECIMAL_RE = re.compile(r"^-?\d{1,15}(\.\d{1,2})?$")
TRUE_WORDS = {"是", "true", "True", "TRUE", "1", "有", "yes"}
FALSE_WORDS = {"否", "false", "False", "FALSE", "0", "无", "no"}


class FactValueError(ValueError):
    """A value that does not fit the fact's type; the message is Chinese and names no field (callers add it)."""


@dataclass(frozen=True)
class Fact:
    key: str
    label: str
    type: str
    choices: tuple[tuple[str, str], ...] = ()  # (code, Chinese label)
    required: bool = False
    engine_field: str = ""
    group: str = ""
    only_for: str = ""  # "person" when the fact exists only for natural persons

    @property
    def operators(self) -> list[str]:
        return OPERATORS_BY_TYPE[self.type]

    @property
    def choice_codes(self) -> list[str]:
        return [code for code, _label in self.choices]

    def choice_label(self, code) -> str:
        return dict(self.choices).get(code, str(code))


@dataclass
class FactCatalog:
    """Every fact a ruleset for one service item may test, by key."""

    facts: dict[str, Fact] = field(default_factory=dict)

    def add(self, fact: Fact) -> None:
        self.facts[fact.key] = fact

    def get(self, key: str) -> Fact | None:
        return self.facts.get(key)

    def __iter__(self):
        return iter(self.facts.values())

    def form_choices(self) -> list[tuple[str, list[tuple[str, str]]]]:
        grouped: dict[str, list[tuple[str, str]]] = {}
        for fact in self.facts.values():
            grouped.setdefault(fact.group, []).append((fact.key, fact.label))
        return list(grouped.items())


def applicant_facts() -> list[Fact]:
    return [
        Fact(
            "applicant.kind",
            "申请人类别",
            CHOICE,
            (("person", "自然人"), ("enterprise", "法人")),
            engine_field="a_kind",
            group="申请人",
        ),
        Fact(
            "applicant.age",
            "申请人年龄（周岁）",
            INT,
            engine_field="a_age",
            group="申请人",
            only_for="person",
        ),
        Fact(
            "applicant.sex",
            "申请人性别",
            CHOICE,
            (("male", "男"), ("female", "女")),
            engine_field="a_sex",
            group="申请人",
            only_for="person",
        ),
        Fact("applicant.region", "申请人所属行政区划", REGION, engine_field="a_region", group="申请人"),
        Fact(
            "channel",
            "办理渠道",
            CHOICE,
            (("online", "网上办理"), ("window", "窗口办理")),
            engine_field="channel",
            group="办理渠道",
        ),
    ]


def question_fact(question: dict) -> Fact:
    choices = tuple((c, c) for c in question.get("choices") or ())
    return Fact(
        f"answer.{question['key']}",
        f"问题：{question['label']}",
        question["type"],
        choices,
        required=bool(question.get("required")),
        engine_field=f"q_{question['key']}",
        group="申请人回答",
    )


def license_fact(code: str, name: str) -> Fact:
    return Fact(
        f"license.{code}",
        f"持有证照：{name}",
        CHOICE,
        tuple(LICENSE_STATUSES),
        engine_field=f"l_{code}",
        group="持有证照",
    )


def build_catalog(*, questions: list[dict], license_types: dict[str, str]) -> FactCatalog:
    catalog = FactCatalog()
    for fact in applicant_facts():
        catalog.add(fact)
    for question in questions:
        catalog.add(question_fact(question))
    for code, name in sorted(license_types.items(), key=lambda item: item[1]):
        catalog.add(license_fact(code, name))
    return catalog


# --- region levels -------------------------------------------------------------------------


def region_field(code: str) -> str:
    """The engine field that holds a region of ``code``'s level (province/city/county)."""
    if code.endswith("0000"):
        return "a_region_province"
    if code.endswith("00"):
        return "a_region_city"
    return "a_region"


def region_fields(code: str) -> dict[str, str]:
    return {"a_region": code, "a_region_city": code[:4] + "00", "a_region_province": code[:2] + "0000"}


def region_contains(outer: str, inner: str) -> bool:
    return region_fields(inner)[region_field(outer)] == outer


# --- text → value (policy staff input in the admin and rule tests) ---------------------------


def split_values(text: str) -> list[str]:
    return [part.strip() for part in LIST_SEPARATORS.split(text or "") if part.strip()]


def parse_text(fact: Fact, text: str):
    """One value typed by a person (admin cell, rule test line) → engine value, or FactValueError."""
    text = (text or "").strip()
    if not text:
        raise FactValueError("值不能为空")
    if fact.type == INT:
        if not INT_RE.match(text):
            raise FactValueError(f"“{text}”不是整数，请填写阿拉伯数字，如 18")
        return int(text)
    if fact.type == DECIMAL:
        if not DECIMAL_RE.match(text):
            raise FactValueError(f"“{text}”不是金额，请填写数字，最多两位小数，如 9.50")
        return int((Decimal(text) * 100).to_integral_value())
    if fact.type == DATE:
        try:
            return date.fromisoformat(text).toordinal()
        except ValueError as error:
            raise FactValueError(f"“{text}”不是日期，请按 2026-01-31 的格式填写") from error
    if fact.type == BOOL:
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        raise FactValueError(f"“{text}”不是“是”或“否”")
    if fact.type == CHOICE:
        for code, label in fact.choices:
            if text in (code, label):
                return code
        allowed = "、".join(label for _code, label in fact.choices)
        raise FactValueError(f"“{text}”不是可选值（可选：{allowed}）")
    if fact.type == REGION:
        if not re.fullmatch(r"\d{6}", text):
            raise FactValueError(f"“{text}”不是6位行政区划代码")
        return text
    if len(text) > MAX_TEXT_LENGTH:
        raise FactValueError(f"文本不能超过{MAX_TEXT_LENGTH}个字")
    return text


# --- JSON → value (answers from the API, the command line and the try-it page) ----------------


def cast_answer(fact: Fact, raw):
    """A JSON answer → engine value. Strict: no strings for numbers, no floats for ints, ≤2 decimals."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise FactValueError("此项为必答，不能为空")
    if fact.type == BOOL:
        if isinstance(raw, bool):
            return raw
        raise FactValueError("应为“是”或“否”（true/false）")
    if fact.type == INT:
        if isinstance(raw, bool) or not isinstance(raw, int):
            shown = f"文本“{raw}”" if isinstance(raw, str) else f"“{raw}”"
            raise FactValueError(f"应为整数，{shown}不是整数")
        if abs(raw) >= 10**12:
            raise FactValueError("数值过大")
        return raw
    if fact.type == DECIMAL:
        if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
            raise FactValueError("应为金额（数字，最多两位小数）")
        try:
            amount = Decimal(str(raw).strip())
        except InvalidOperation as error:
            raise FactValueError(f"“{raw}”不是金额") from error
        if not amount.is_finite():
            raise FactValueError(f"“{raw}”不是金额")
        if amount.as_tuple().exponent < -MAX_AMOUNT_PLACES:
            raise FactValueError(f"金额最多两位小数，“{raw}”不符合")
        if abs(amount) >= Decimal(10) ** 13:
            raise FactValueError("金额过大")
        return int((amount * 100).to_integral_value())
    if fact.type == DATE:
        if not isinstance(raw, str):
            raise FactValueError("应为日期文本，格式 2026-01-31")
        try:
            return date.fromisoformat(raw.strip()).toordinal()
        except ValueError as error:
            raise FactValueError(f"“{raw}”不是日期，格式应为 2026-01-31") from error
    if not isinstance(raw, str):
        raise FactValueError("应为文本")
    return parse_text(fact, raw)


def display(fact: Fact | None, value) -> str:
    """An engine value shown to a person."""
    if value is None:
        return "（无）"
    if fact is None:
        return str(value)
    if fact.type == DECIMAL:
        return f"{Decimal(value) / 100:.2f}"
    if fact.type == DATE:
        return date.fromordinal(value).isoformat()
    if fact.type == BOOL:
        return "是" if value else "否"
    if fact.type == CHOICE:
        return fact.choice_label(value)
    return str(value)
