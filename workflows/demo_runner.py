"""Run one demo case from application to archive without a person at the keyboard (``manage.py demo_case``,
and ``load_demo``'s cases). Demo data only: it picks a demo applicant, answers, form values and tiny PDF
uploads that the item accepts, and — on the review path, when asked — claims and approves as a demo handler."""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import User
from accounts.roles import APPLICANT, HANDLER
from archives.services import check_package
from catalogs.identifiers import guess_holder_code_type
from catalogs.models import Department, ServiceItem
from licenses import demo as license_demo
from licenses.selectors import license_index_for_holder
from workflows.models import Case, CaseState
from workflows.services import filling, review, starting
from workflows.tasks import run_step

# a PDF that opens (one empty page), for demo uploads
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/MediaBox[0 0 595 842]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PERSONS = [
    license_demo.ZHANGSAN,
    license_demo.LISI,
    license_demo.WANGFANG,
    license_demo.MAJIANGUO,
    license_demo.CAIRANGCUO,
    license_demo.ZHAOMIN,
]
ENTERPRISES = [license_demo.QIYE, license_demo.BUILDER, license_demo.PHARMACY]
DONE = (CaseState.ARCHIVED,)


class DemoFile(io.BytesIO):
    def __init__(self, content: bytes, name: str):
        super().__init__(content)
        self.name, self.size = name, len(content)


# (stage, the event that starts it, the events that end it), read from the case's own log
STAGES = [
    ("登记办件", None, ("created",)),
    ("调取与核验证照", ("consent_given", "consent_declined"), ("licenses_verified",)),
    ("预填申请表", ("licenses_verified",), ("form_prefilled",)),
    ("提交与分流", ("submitted",), ("approved_instantly", "queued", "inspection_queued")),
    ("审查与决定（含人工）", ("queued", "inspection_queued"), ("approved", "rejected")),
    ("制发证照与出具文书", ("approved_instantly", "approved", "rejected"), ("concluded",)),
    ("归档", ("concluded",), ("archived",)),
]


def stage_times(case: Case) -> list[tuple[str, float]]:
    """Seconds per stage, from the timestamps of the case's events (true for a worker and for eager mode)."""
    events = list(case.events.filter(refused=False).order_by("at", "id").values_list("action", "at"))
    result = []
    for name, starts, ends in STAGES:
        start = (
            case.created if starts is None else next((at for action, at in events if action in starts), None)
        )
        end = next(
            (at for action, at in events if action in ends and start is not None and at >= start), None
        )
        if start is not None and end is not None:
            result.append((name, (end - start).total_seconds()))
    return result


@dataclass
class DemoRun:
    case: Case
    stages: list[tuple[str, float]] = field(default_factory=list)
    finished: bool = False
    check_ok: bool | None = None
    check_failures: list[str] = field(default_factory=list)


def holder_for(item: ServiceItem) -> str:
    """The demo holder who holds the most valid licenses the item fetches."""
    wanted = {
        m.license_type.code
        for m in item.materials.select_related("license_type")
        if m.license_type_id and m.default_mode == "auto"
    }
    candidates = ENTERPRISES if item.applicant_kind == "enterprise" else PERSONS

    def held(code: str) -> int:
        return sum(
            1
            for row in license_index_for_holder(code)
            if row["type_code"] in wanted and row["status"] == "valid"
        )

    return max(candidates, key=lambda code: (held(code), -candidates.index(code)))


def applicant_user(holder_code: str) -> User:
    user = User.objects.filter(holder_code=holder_code).order_by("id").first()
    if user is not None:
        return user
    name = next(
        (n for c, n, *_ in license_demo.CITIZENS + license_demo.ENTERPRISES if c == holder_code), "演示申请人"
    )
    user = User(
        username=f"demo-{holder_code}",
        real_name=name,
        holder_code=holder_code,
        holder_code_type=guess_holder_code_type(holder_code),
        holder_verified_at=timezone.now(),
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get(name=APPLICANT))
    return user


def handler_for(department: Department) -> User:
    existing = (
        User.objects.filter(department=department, groups__name=HANDLER, is_active=True)
        .order_by("id")
        .first()
    )
    if existing is not None:
        return existing
    user = User(
        username=f"demo-handler-{department.uscc}",
        real_name=f"演示审批人员（{department.name}）",
        department=department,
        is_staff=True,
    )
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name=HANDLER))
    return User.objects.get(pk=user.pk)


def default_answers(item: ServiceItem) -> dict:
    answers = {}
    for question in item.questions.all():
        answers[question.key] = {
            "bool": False,
            "int": 1,
            "decimal": "100",
            "date": date.today().isoformat(),
            "text": "演示",
            "choice": (question.choices or [""])[0],
        }.get(question.answer_type, "演示")
    if item.code == "630000-MZ-0001":
        answers["partner_id"] = license_demo.LISI
    return answers


def form_value(form_field):
    kind = form_field.kind
    if kind == "choice":
        return form_field.choices[0]
    if form_field.pattern:
        return "演示有限公司"
    return {
        "int": "1",
        "decimal": "100",
        "date": timezone.localdate().isoformat(),
        "bool": "true",
        "citizen_id": license_demo.LISI,
        "uscc": license_demo.PHARMACY,
        "phone": "13800000000",
        "email": "demo@example.com",
    }.get(kind, f"演示{form_field.label}"[:50])


def form_data(case: Case) -> dict:
    filled = case.filled_form
    if filled is None:
        return {}
    return {
        f.key: form_value(f)
        for f in filled.schema.fields.all()
        if f.key not in filled.locked and filled.values.get(f.key) in (None, "")
    }


def upload_missing(case: Case, user: User) -> None:
    for material in filling.missing_uploads(case):
        filling.add_upload(
            case=case,
            user=user,
            material_key=material.key,
            uploaded_file=DemoFile(DEMO_PDF, f"{material.name}.pdf"),
        )


def drain(case: Case, *, limit: int = 50) -> Case:
    """Run the case's pending background steps here and now, as a worker would (embedded mode, or inside a
    transaction where nothing is sent until it commits)."""

    for _ in range(limit):
        task = (
            Task.objects.filter(process_id=case.pk, flow_task_type="JOB", status=STATUS.NEW)
            .order_by("id")
            .first()
        )
        if task is None:
            break
        run_step(task.pk)
    case.refresh_from_db()
    return case


def wait_for(case: Case, states, *, timeout: float) -> Case:
    """Background steps run on a worker when a broker is configured: wait for the case to move on; in embedded
    mode, or inside an open transaction (the steps are sent only when it commits), run them here. A case
    already there (the steps ran eagerly before the call returned) is not read again."""
    if case.state in states:
        return case
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False) or connection.in_atomic_block:
        return drain(case)
    deadline = time.monotonic() + timeout
    while True:
        case.refresh_from_db()
        if case.state in states or time.monotonic() > deadline:
            return case
        time.sleep(0.2)


def run_case(
    *,
    service_code: str,
    holder_code: str | None = None,
    answers: dict | None = None,
    approve: bool = False,
    timeout: float = 120,
) -> DemoRun:
    item = ServiceItem.objects.current().get(code=service_code)
    applicant = applicant_user(holder_code or holder_for(item))
    clock = time.perf_counter()
    stages: list[tuple[str, float]] = []

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stages.append((name, now - clock))
        clock = now

    case = starting.start_case(
        service_code=service_code,
        applicant=applicant,
        answers=default_answers(item) if answers is None else answers,
    )
    run = DemoRun(case=case, stages=stages)
    lap("申请与材料判定")
    if case.state == CaseState.AWAITING_CONSENT:
        case = starting.answer_consent(case=case, user=applicant, accept=True)
        case = wait_for(case, (CaseState.FILLING,), timeout=timeout)
        lap("授权、调取与核验证照")
    upload_missing(case, applicant)
    case = filling.submit(case=case, user=applicant, data=form_data(case))
    lap("填报与提交")
    case = wait_for(case, (CaseState.AWAITING_ACCEPTANCE, CaseState.CONCLUDING, *DONE), timeout=timeout)
    if case.state == CaseState.AWAITING_ACCEPTANCE and approve:
        handler = handler_for(case.department)
        if case.flow_class.__name__ == "RealtyCaseFlow":
            case = review.claim(case=case, user=handler)
            case = review.record_inspection(
                case=case, user=handler, passed=True, note="演示：现场核查，房屋坐落、面积与申请一致"
            )
        case = review.claim(case=case, user=handler)
        case = review.approve(case=case, user=handler, note="")
        lap("受理与审查决定")
    case = wait_for(case, DONE, timeout=timeout)
    lap("出具文书、制发证照与归档")
    run.case, run.finished = case, case.state in DONE
    run.stages = stage_times(case)
    if case.archive_package_id:
        report = check_package(package=case.archive_package)
        run.check_ok = report.ok
        run.check_failures = [str(f) for f in report.failures]
    return run
