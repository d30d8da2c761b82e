"""Rule tests: worked examples (facts → expected modes, route, fee exemption) run against a table.

The example is typed by policy staff as short ``名称=值`` lines; every line is parsed with the
same typed parsers as the table, and a bad line is reported by test name and line number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rules import facts as F
from rules.engine.compiler import CompiledTable
from rules.evaluation import build_facts, resolve_facts
from rules.table import MODES, ROUTES

MODE_WORDS = {
    "auto": "auto",
    "免提交": "auto",
    "自动": "auto",
    "自动调取": "auto",
    "upload": "upload",
    "上传": "upload",
    "上传电子材料": "upload",
    "paper": "paper",
    "纸质": "paper",
    "提交纸质材料": "paper",
    "exempt": "exempt",
    "免于提交": "exempt",
    "免交": "exempt",
    "不需要": "exempt",
}
MODE_WORDS.update({label: code for code, label in MODES.items()})


@dataclass(frozen=True)
class RuleTestCase:
    name: str
    applicant: dict
    channel: str = "online"
    answers: str = ""
    licenses: str = ""
    expected_modes: str = ""
    expected_route: str = ""
    expected_fee_exempt: bool | None = None


@dataclass
class RuleTestOutcome:
    name: str
    passed: bool
    failures: list[str] = field(default_factory=list)
    resolution: dict | None = None

    def as_dict(self) -> dict:
        return {"name": self.name, "passed": self.passed, "failures": self.failures}


def _lines(text: str, what: str, problems: list[str]):
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        key, sep, value = line.replace("＝", "=").partition("=")
        if not sep or not key.strip() or not value.strip():
            problems.append(f"{what}第{number}行“{line}”应写成“名称=值”")
            continue
        yield number, key.strip(), value.strip()


def _license_code(name: str, spec: dict) -> str | None:
    for code, label in spec["license_types"].items():
        if name in (code, label):
            return code
    return None


def parse_case(case: RuleTestCase, spec: dict) -> tuple[dict, dict, dict, list[str]]:
    """(facts, expected modes by type code, expected outcome extras, problems)."""
    problems: list[str] = []
    questions = {q["key"]: q for q in spec["questions"]}
    labels = {q["label"]: q["key"] for q in spec["questions"]}
    answers = {}
    for number, key, value in _lines(case.answers, "问题回答", problems):
        key = labels.get(key, key)
        if key not in questions:
            problems.append(f"问题回答第{number}行：本事项没有问题“{key}”")
            continue
        try:
            answers[key] = F.parse_text(F.question_fact(questions[key]), value)
        except F.FactValueError as error:
            problems.append(f"问题回答第{number}行（{questions[key]['label']}）：{error}")
    licenses = {}
    for number, name, value in _lines(case.licenses, "持有证照", problems):
        code = _license_code(name, spec)
        if code is None:
            problems.append(f"持有证照第{number}行：本规则集未使用证照“{name}”")
            continue
        try:
            licenses[code] = F.parse_text(F.license_fact(code, name), value)
        except F.FactValueError as error:
            problems.append(f"持有证照第{number}行（{name}）：{error}")
    expected = {}
    for number, name, value in _lines(case.expected_modes, "期望的材料提交方式", problems):
        code = _license_code(name, spec)
        if code is None:
            problems.append(f"期望的材料提交方式第{number}行：本规则集未使用证照“{name}”")
        elif value not in MODE_WORDS:
            problems.append(
                f"期望的材料提交方式第{number}行：“{value}”不是提交方式（免提交、上传、纸质、免于提交）"
            )
        else:
            expected[code] = MODE_WORDS[value]
    applicant = dict(case.applicant)
    if applicant.get("region") and not (len(applicant["region"]) == 6 and applicant["region"].isdigit()):
        problems.append(f"行政区划代码“{applicant['region']}”应为6位数字")
        applicant.pop("region")
    facts = build_facts(
        spec=spec, applicant=applicant, answers=answers, channel=case.channel, licenses=licenses
    )
    return facts, expected, {"route": case.expected_route, "fee_exempt": case.expected_fee_exempt}, problems


def run_case(case: RuleTestCase, compiled: CompiledTable, *, plain_python: bool = False) -> RuleTestOutcome:
    spec = compiled.spec
    facts, expected, extras, problems = parse_case(case, spec)
    if problems:
        return RuleTestOutcome(case.name, False, [f"测试写法有误：{p}" for p in problems])
    resolution = resolve_facts(compiled, facts, plain_python=plain_python)
    failures = []
    if not expected and not extras["route"] and extras["fee_exempt"] is None:
        failures.append("测试没有写任何期望结果")
    modes = {m["license_type"]: m["mode"] for m in resolution["materials"] if m["license_type"]}
    for code, mode in expected.items():
        name = spec["license_types"].get(code, code)
        if code not in modes:
            failures.append(f"期望“{name}”为“{MODES[mode]}”，实际未出现在材料清单中")
        elif modes[code] != mode:
            failures.append(f"期望“{name}”为“{MODES[mode]}”，实际为“{MODES[modes[code]]}”")
    if extras["route"] and resolution["route"]["route"] != extras["route"]:
        failures.append(f"期望办理路径为“{ROUTES[extras['route']]}”，实际为“{resolution['route']['label']}”")
    if extras["fee_exempt"] is not None and resolution["fee_exempt"] != extras["fee_exempt"]:
        want = "减免收费" if extras["fee_exempt"] else "不减免收费"
        failures.append(f"期望{want}，实际{'减免' if resolution['fee_exempt'] else '不减免'}")
    return RuleTestOutcome(case.name, not failures, failures, resolution)
