"""Generated cases for the statistics tests and the million-case benchmark.

``generate(count=…)`` writes realistic cases of the published service items straight into the tables — the
viewflow process, the case with its facts, its licenses (verified or fallen back to upload), uploads, events,
the handler's review task, ratings and the rectifications poor ratings open — with COPY on PostgreSQL (a
multi-row INSERT elsewhere). Dates follow the working-day calendar: acceptance on a working day, the due date
the item's 承诺时限 later, decisions some working days after acceptance (some late), open cases recent.
Deadline flags are left to the real job (``supervision.services.flag_deadlines``).

It never runs the flow (a million cases through the engine would take days); the columns it writes are the
same facts ``workflows.services.facts`` records for a case run by the engine.
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as dtime

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from viewflow.workflow.models import Task

from accounts.models import User
from catalogs.models import LicenseType, ServiceItem
from catalogs.workdays import WorkdayCalendar
from workflows.auth import department_permission
from workflows.models import Case, CaseEvent, CaseLicense, CaseUpload, Rating, Rectification
from workflows.models.case import Process

FLOW = "workflows/flows.CaseFlow"
REVIEW_TASK = "workflows/flows.CaseFlow.review"
LEVELS = [(5, 0.55), (4, 0.25), (3, 0.10), (2, 0.06), (1, 0.04)]
CHUNK = 20_000
RECTIFICATION_STATES = [("closed", 0.5), ("rectifying", 0.25), ("to_verify", 0.15), ("appeal", 0.10)]


ORDER = (Process, Case, Task, CaseLicense, CaseUpload, CaseEvent, Rating, Rectification)


@dataclass
class Report:
    cases: int
    seconds: float
    rows: dict[str, int]
    applicant: User
    handlers: dict[int, User]
    today: date
    ranges: dict[str, tuple[int, int]] = None  # table -> (first id, last id) written by this run


# what to shift in each copy made by ``replicate``: the table's own key and the keys it points to
SHIFTS = {
    Process: {"id": Process},
    Case: {"process_ptr_id": Process},
    Task: {"id": Task, "process_id": Process},
    CaseLicense: {"id": CaseLicense, "case_id": Process},
    CaseUpload: {"id": CaseUpload, "case_id": Process},
    CaseEvent: {"id": CaseEvent, "case_id": Process},
    Rating: {"id": Rating, "case_id": Process},
    Rectification: {"id": Rectification, "rating_id": Rating},
}


def replicate(report: Report, *, times: int) -> float:
    """PostgreSQL only: copy the cases ``report`` wrote ``times - 1`` more times inside the database
    (INSERT … SELECT over generate_series), each copy with fresh keys and its own case numbers — the same
    distribution of facts, at a cost per row the database pays, not Python. Returns the seconds it took."""
    if connection.vendor != "postgresql":
        raise RuntimeError("replicate needs PostgreSQL")
    started = time.perf_counter()
    spans = {m: report.ranges[m._meta.label][1] - report.ranges[m._meta.label][0] + 1 for m in ORDER}
    with transaction.atomic(), connection.cursor() as cursor:
        # the copies are valid by construction (every key shifted with what it points to): skip the per-row
        # foreign-key triggers for this transaction where the role may (a superuser, as on the bench machine)
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            cursor.execute("SET LOCAL session_replication_role = replica")
        for model in ORDER:
            first, last = report.ranges[model._meta.label]
            if last < first:
                continue
            pk = model._meta.pk.column
            shifts = SHIFTS[model]
            exprs = []
            for column in _columns(model):
                if column in shifts:
                    exprs.append(f"{column} + k * {spans[shifts[column]]}")
                elif model is Case and column == "number":
                    exprs.append("number || '-' || k")
                else:
                    exprs.append(column)
            table = model._meta.db_table
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(_columns(model))}) "
                f"SELECT {', '.join(exprs)} FROM {table}, generate_series(1, %s) AS k "
                f"WHERE {pk} BETWEEN %s AND %s",
                [times - 1, first, last],
            )
            if model is not Case:
                _move_sequence(model)
    return time.perf_counter() - started


class _Workdays:
    """Working days as ordinals over the generated range: add and count in O(1) per case."""

    def __init__(self, first: date, last: date):
        calendar = WorkdayCalendar.load(first, last)
        self.days = [first + timedelta(n) for n in range((last - first).days + 1)]
        self.days = [d for d in self.days if calendar.is_working_day(d)]
        self.index = {d: i for i, d in enumerate(self.days)}

    def on_or_after(self, day: date) -> int:
        while day not in self.index:
            day += timedelta(1)
        return self.index[day]

    def day(self, ordinal: int) -> date:
        return self.days[min(ordinal, len(self.days) - 1)]


def _pick(rng: random.Random, weighted):
    r, acc = rng.random(), 0.0
    for value, weight in weighted:
        acc += weight
        if r < acc:
            return value
    return weighted[-1][0]


def _at(day: date, rng: random.Random, tz) -> datetime:
    return timezone.make_aware(datetime.combine(day, dtime(9, 0)) + timedelta(minutes=rng.randrange(480)), tz)


def _people(count: int, departments: set[int], tag: str) -> tuple[list[User], dict[int, User]]:
    password = make_password(None)
    applicants = [
        User(
            username=f"gen{tag}-a{n}",
            password=password,
            real_name=f"申请人{n}",
            holder_code=f"63{tag[-4:]:0>4}{n:011d}X"[:18],
            holder_code_type="111",
        )
        for n in range(max(count // 50, 2))
    ]
    handlers = [
        User(
            username=f"gen{tag}-h{d}",
            password=password,
            real_name=f"审批人员{d}",
            department_id=d,
            is_staff=True,
        )
        for d in sorted(departments)
    ]
    User.objects.bulk_create(applicants + handlers)
    users = {u.username: u for u in User.objects.filter(username__startswith=f"gen{tag}-")}
    return [users[u.username] for u in applicants], {d: users[f"gen{tag}-h{d}"] for d in sorted(departments)}


def _columns(model) -> list[str]:
    return [f.column for f in model._meta.local_concrete_fields]


def _write(table: str, columns: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql":
        raw = connection.connection
        with raw.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    ops = connection.ops

    def adapt(v):
        if isinstance(v, datetime):
            return ops.adapt_datetimefield_value(v)
        if isinstance(v, date):
            return ops.adapt_datefield_value(v)
        return v

    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
            [tuple(adapt(v) for v in row) for row in rows],
        )


def _take(next_id: dict, model) -> int:
    """The next primary key of ``model`` in this run."""
    value = next_id[model]
    next_id[model] = value + 1
    return value


def _next_ids(model, n: int) -> int:
    """The first of ``n`` fresh primary keys (the sequence is moved past them afterwards)."""
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def _move_sequence(model) -> None:
    if connection.vendor == "postgresql":
        table, pk = model._meta.db_table, model._meta.pk.column
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', '{pk}'), (SELECT max({pk}) FROM {table}))"
            )


def generate(
    *, count: int, seed: int = 1, today: date | None = None, months: int = 24, details: bool = True
) -> Report:
    """Write ``count`` cases opened over the ``months`` before ``today`` (open ones in its last weeks)."""
    started = time.perf_counter()
    rng = random.Random(seed)
    tz = timezone.get_current_timezone()
    today = today or timezone.localdate()
    first = today - timedelta(days=31 * months)
    workdays = _Workdays(first - timedelta(days=10), today + timedelta(days=400))
    items = list(
        ServiceItem.objects.filter(status="published", department__isnull=False).order_by("code", "id")
    )
    if not items:
        raise RuntimeError("没有已发布且有实施部门的事项：请先载入演示目录（catalogs.demo.load）")
    license_types = list(LicenseType.objects.order_by("id").values_list("id", flat=True))
    if len(license_types) < 4:
        raise RuntimeError("至少需要 4 种证照类型：请先载入演示目录")
    tag = f"{seed}-{int(time.time() * 1000) % 10**6}"
    applicants, handlers = _people(count, {i.department_id for i in items}, tag)
    first_ord, today_ord = workdays.on_or_after(first), workdays.on_or_after(today)
    if workdays.day(today_ord) != today:
        today_ord -= 1  # the last working day up to today

    with transaction.atomic():
        pid = _next_ids(Process, count)
        next_id = {m: _next_ids(m, 0) for m in (CaseLicense, CaseUpload, CaseEvent, Rating, Rectification)}
        next_id[Task] = _next_ids(Task, 0)
        next_id[Process] = pid + count
        start_id = {**next_id, Process: pid}
        rows: dict[type, list[tuple]] = {
            m: [] for m in (Process, Case, CaseLicense, CaseUpload, CaseEvent, Rating)
        }
        rows[Rectification], rows[Task] = [], []
        case_cols = _columns(Case)
        written = dict.fromkeys((m._meta.label for m in ORDER), 0)

        def flush():
            for model in ORDER:
                _write(model._meta.db_table, _columns(model), rows[model])
                written[model._meta.label] += len(rows[model])
                rows[model].clear()

        for n in range(count):
            if n and n % CHUNK == 0:
                flush()  # bounded memory: a million cases are written in chunks, inside one transaction
            item = items[rng.randrange(len(items))]
            applicant = applicants[rng.randrange(len(applicants))]
            handler = handlers[item.department_id]
            pk = pid + n
            r = rng.random()
            if r < 0.03:
                state = "filling"
            elif r < 0.05:
                state = "awaiting_consent"
            elif r < 0.07:
                state = "withdrawn"
            elif r < 0.10:
                state = "supplement"
            elif r < 0.13:
                state = "awaiting_acceptance"
            elif r < 0.17:
                state = "in_review"
            else:
                state = "decided"
            is_open = state not in ("decided", "withdrawn")
            instant = state == "decided" and rng.random() < 0.3
            route = "instant" if instant else "review"
            # open cases were opened in the last weeks; the others any time in the range
            opened_ord = (
                rng.randrange(max(today_ord - 25, first_ord), today_ord + 1)
                if is_open
                else rng.randrange(first_ord, max(today_ord - 30, first_ord + 1))
            )
            opened_at = _at(workdays.day(opened_ord), rng, tz)
            fetched = rng.randrange(1, 4) if instant else rng.randrange(0, 4)
            uploaded = 0 if instant or rng.random() < 0.55 else rng.randrange(1, 3)
            paper = 1 if not instant and rng.random() < 0.05 else 0
            fields_total = rng.randrange(4, 13)
            prefilled = rng.randrange(fields_total // 2, fields_total + 1)
            promised = item.promised_days or 0
            suspended = 0
            supplement_round = 0
            accepted_at = submitted_at = decided_at = due_on = None
            decision = ""
            decision_days = None
            decided_by = reviewer = None
            suspended_since = None
            if state in ("supplement", "in_review", "decided") or (
                state == "withdrawn" and rng.random() < 0.5
            ):
                submitted_at = opened_at + timedelta(minutes=rng.randrange(5, 120))
                accept_ord = opened_ord if instant else opened_ord + rng.randrange(0, 3)
                accept_ord = min(accept_ord, today_ord)
                accepted_at = submitted_at if instant else _at(workdays.day(accept_ord), rng, tz)
                accepted_at = max(accepted_at, submitted_at)
                if state == "supplement" or (state == "decided" and not instant and rng.random() < 0.15):
                    supplement_round = 1
                if state == "decided" and supplement_round:
                    suspended = rng.randrange(1, 5)
                due_on = workdays.day(accept_ord + promised + suspended)
                if state == "supplement":
                    suspended_since = workdays.day(min(accept_ord + 1, today_ord))
                if state == "decided":
                    decision = "approved" if instant or rng.random() < 0.85 else "rejected"
                    if instant:
                        decision_days, decided_at = 0, accepted_at
                    else:
                        decision_days = rng.randrange(0, int(promised * 1.4) + 2)
                        decided_at = _at(workdays.day(accept_ord + decision_days + suspended), rng, tz)
                        decided_at = max(decided_at, accepted_at)
                        decided_by = reviewer = handler.pk
                if state == "in_review":
                    reviewer = handler.pk
            elif state == "awaiting_acceptance":
                submitted_at = opened_at + timedelta(minutes=rng.randrange(5, 120))
            if state == "withdrawn":
                decision, decided_at = "withdrawn", (submitted_at or opened_at) + timedelta(hours=2)
            final_state = state
            if state == "decided":
                final_state = decision if rng.random() < 0.2 else "archived"
            fee_exempt = rng.random() < 0.3
            rating_level = None
            if decision in ("approved", "rejected") and rng.random() < 0.5:
                rating_level = _pick(rng, LEVELS)
            rect_state = rect_due = rated_at = None
            if rating_level is not None:
                rated_at = decided_at + timedelta(days=1)
                if rating_level <= 2:
                    rect_state = _pick(rng, RECTIFICATION_STATES)
                    rect_due = workdays.day(workdays.on_or_after(timezone.localtime(rated_at).date()) + 5)

            materials = (
                [{"mode": "auto"}] * fetched + [{"mode": "upload"}] * uploaded + [{"mode": "paper"}] * paper
            )
            values = {
                "process_ptr_id": pk,
                "number": f"GEN{tag}-{pk}",
                "service_item_id": item.pk,
                "service_code": item.code,
                "ruleset_version": 1,
                "ruleset_hash": "generated",
                "resolution": json.dumps({"materials": materials, "generated": True}),
                "answers": "{}",
                "route": route,
                "fee_exempt": fee_exempt,
                "applicant_id": applicant.pk,
                "holder_code": applicant.holder_code,
                "holder_code_type": "111",
                "holder_name": applicant.real_name,
                "agent_name": "",
                "channel": "online" if rng.random() < 0.8 else "window",
                "window_handler_id": None,
                "department_id": item.department_id,
                "state": final_state,
                "activity": "",
                "consent_id": None,
                "filled_form_id": None,
                "reviewer_id": reviewer,
                "supplement_round": supplement_round,
                "supplement_items": "[]",
                "supplement_due_on": None,
                "submitted_at": submitted_at,
                "accepted_at": accepted_at,
                "due_on": due_on,
                "statutory_due_on": None,
                "suspended_since": suspended_since,
                "suspended_days": suspended,
                "decided_at": decided_at,
                "decision": decision,
                "decision_reasons": "",
                "decided_by_id": decided_by,
                "issued_license_id": None,
                "archive_package_id": None,
                "opened_at": opened_at,
                "opened_month": workdays.day(opened_ord).replace(day=1),
                "updated_at": decided_at or opened_at,
                "materials_fetched": fetched,
                "materials_uploaded": uploaded,
                "materials_paper": paper,
                "fields_prefilled": prefilled,
                "fields_typed": fields_total - prefilled,
                "decision_workdays": decision_days,
                "rating_level": rating_level,
                "rectification_open": rect_state is not None and rect_state != "closed",
                "rectification_due_on": rect_due,
                "deadline_flag": "",
            }
            status = "CANCELED" if state == "withdrawn" else ("NEW" if is_open else "DONE")
            rows[Process].append(
                (pk, FLOW, status, opened_at, decided_at, "{}", None, None, None, None, None)
            )
            rows[Case].append(tuple(values[c] for c in case_cols))

            if route == "review" and state in ("awaiting_acceptance", "in_review", "decided"):
                tid = _take(next_id, Task)
                task_status = {"awaiting_acceptance": "NEW", "in_review": "ASSIGNED"}.get(state, "DONE")
                owner = handler.pk if state != "awaiting_acceptance" else None
                rows[Task].append(
                    (tid, REVIEW_TASK, "HUMAN", task_status, submitted_at, accepted_at, accepted_at,
                     decided_at, None, "start", None, owner, department_permission(item.department_id),
                     None, None, pk, "{}", None, None, None, None)
                )  # fmt: skip
            if details:
                chosen = rng.sample(license_types, min(len(license_types), fetched + (1 if uploaded else 0)))
                for i, lt in enumerate(chosen):
                    verified = i < fetched
                    rows[CaseLicense].append(
                        (_take(next_id, CaseLicense), pk, lt, "auto", True, "",
                         "verified" if verified else "fallback", f"GEN-{pk}-{lt}", "ok" if verified else "",
                         "", "generated", "{}", "{}", verified, "" if verified else "证照未能调取，转为上传",
                         1, opened_at)
                    )  # fmt: skip
                for key in range(uploaded):
                    rows[CaseUpload].append(
                        (_take(next_id, CaseUpload), pk, f"m{key}", f"材料{key}",
                         f"generated/{pk}/{key}", f"材料{key}.pdf", "application/pdf", 1024, "0" * 64, 0,
                         applicant.pk, opened_at, None)
                    )  # fmt: skip
                rows[CaseEvent].append(
                    (_take(next_id, CaseEvent), pk, opened_at, applicant.pk, applicant.real_name,
                     "online", "created", "", final_state if is_open else "filling", "生成的办件", False)
                )  # fmt: skip
                if decided_at:
                    rows[CaseEvent].append(
                        (_take(next_id, CaseEvent), pk, decided_at, decided_by, "", "system",
                         decision, "in_review", final_state, "", False)
                    )  # fmt: skip
            if rating_level is not None:
                rid = _take(next_id, Rating)
                rows[Rating].append(
                    (rid, pk, rating_level, "办理太慢" if rating_level <= 2 else "", applicant.pk, rated_at)
                )
                if rect_state is not None:
                    rows[Rectification].append(
                        (_take(next_id, Rectification), rid, item.department_id, rect_state,
                         rect_due, rated_at,
                         rated_at + timedelta(days=3) if rect_state == "closed" else None,
                         handler.pk if rect_state == "closed" else None,
                         "已电话回访并改进" if rect_state != "to_verify" else "")
                    )  # fmt: skip

        flush()
        for model in ORDER:
            if model is not Case:
                _move_sequence(model)
    ranges = {m._meta.label: (start_id[m], next_id[m] - 1) for m in ORDER if m is not Case}
    ranges[Case._meta.label] = ranges[Process._meta.label]
    return Report(
        ranges=ranges,
        cases=count,
        seconds=time.perf_counter() - started,
        rows=written,
        applicant=applicants[0],
        handlers=handlers,
        today=today,
    )
