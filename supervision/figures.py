"""The supervision figures (减环节、减材料、减时限、减费用、好差评), computed by the database.

Every figure comes from one aggregate query over columns of ``workflows_case`` (the facts of
``workflows.services.facts``): one scan, grouped by service item version, department, month of application and
the working days the decision took, so the database returns a few thousand buckets whatever the number of cases.
Python then adds the buckets up per service item × department × month, per month and in total — a loop over
aggregated buckets, never over cases — and reads the median and 90th percentile off each group's histogram of
working days. That is exactly PostgreSQL's ``percentile_cont`` (continuous: linear interpolation between the
two closest ranks), computed from counts instead of sorting every case once per grouping; it gives the same
figures on SQLite. Open rectifications are counted from the case's copy of its rectification's state (``rectification_open``,
``rectification_due_on``) in the same scan; two more queries fetch the names.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from catalogs.models import Department, ServiceItem
from workflows.models import Case, DeadlineFlag, Decision

RATING_LEVELS = (5, 4, 3, 2, 1)


def percentiles_available() -> bool:
    return True  # read off histograms, on every database


def percentile(histogram: dict[int, int], p: float) -> float | None:
    """``percentile_cont(p)`` of the multiset ``{value: count}``: linear interpolation between closest ranks."""
    n = sum(histogram.values())
    if not n:
        return None
    k = (n - 1) * p
    lo_rank, hi_rank = math.floor(k), min(math.floor(k) + 1, n - 1)
    lo = hi = None
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if lo is None and seen > lo_rank:
            lo = value
        if seen > hi_rank:
            hi = value
            break
    return float(lo + (hi - lo) * (k - lo_rank))


@dataclass(frozen=True)
class Filters:
    date_from: date
    date_to: date
    department_id: int | None = None

    @classmethod
    def default(cls, *, today: date | None = None) -> Filters:
        today = today or timezone.localdate()
        return cls(date_from=date(today.year - 1, today.month, 1), date_to=today)

    def cases(self):
        tz = timezone.get_current_timezone()
        start = timezone.make_aware(datetime.combine(self.date_from, time.min), tz)
        end = timezone.make_aware(datetime.combine(self.date_to + timedelta(days=1), time.min), tz)
        cases = Case.objects.filter(opened_at__gte=start, opened_at__lt=end)
        if self.department_id:
            cases = cases.filter(department_id=self.department_id)
        return cases


ADDITIVE = (
    "cases", "certificate_free", "fetched", "uploaded", "paper", "prefilled", "typed", "instant", "overdue_open",
    "due_soon", "supplemented", "exempt_cases", "rated", "rating_1", "rating_2", "rating_3", "rating_4", "rating_5",
    "open_rectifications", "overdue_rectifications",
)  # fmt: skip
BUCKET = ("service_item_id", "department_id", "opened_month", "decision_workdays")


def _aggregates(today: date) -> dict:
    return {
        "cases": Count("pk"),
        "certificate_free": Count("pk", filter=Q(materials_uploaded=0, materials_paper=0)),
        "fetched": Sum("materials_fetched"),
        "uploaded": Sum("materials_uploaded"),
        "paper": Sum("materials_paper"),
        "prefilled": Sum("fields_prefilled"),
        "typed": Sum("fields_typed"),
        "instant": Count("pk", filter=Q(decision=Decision.APPROVED, decided_by__isnull=True)),
        "overdue_open": Count("pk", filter=Q(deadline_flag=DeadlineFlag.OVERDUE)),
        "due_soon": Count("pk", filter=Q(deadline_flag=DeadlineFlag.DUE_SOON)),
        "supplemented": Count("pk", filter=Q(supplement_round__gt=0)),
        "exempt_cases": Count("pk", filter=Q(fee_exempt=True)),
        "rated": Count("pk", filter=Q(rating_level__isnull=False)),
        **{f"rating_{level}": Count("pk", filter=Q(rating_level=level)) for level in RATING_LEVELS},
        "open_rectifications": Count("pk", filter=Q(rectification_open=True)),
        "overdue_rectifications": Count(
            "pk", filter=Q(rectification_open=True, rectification_due_on__lt=today)
        ),
    }


def _share(part, whole) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


@dataclass
class Row:
    """One group's figures, with the shares the page shows."""

    cases: int = 0
    certificate_free: int = 0
    fetched: int = 0
    uploaded: int = 0
    paper: int = 0
    prefilled: int = 0
    typed: int = 0
    instant: int = 0
    decided: int = 0
    within_promise: int = 0
    decided_late: int = 0
    overdue_open: int = 0
    due_soon: int = 0
    supplemented: int = 0
    exempt_cases: int = 0
    fees_waived: Decimal = Decimal("0")
    rated: int = 0
    median_days: float | None = None
    p90_days: float | None = None
    ratings: dict[int, int] = field(default_factory=dict)
    histogram: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    open_rectifications: int = 0
    overdue_rectifications: int = 0
    promised_days: int | None = None
    service_code: str = ""
    service_name: str = ""
    department_id: int | None = None
    department_name: str = ""
    month: date | None = None

    def add(self, bucket: dict, *, promised: int | None, fee: Decimal) -> None:
        """Add one bucket of the aggregate query (or another row's sums) to this row."""
        for name in ADDITIVE:
            value = bucket[name] or 0
            if name.startswith("rating_"):
                level = int(name[-1])
                self.ratings[level] = self.ratings.get(level, 0) + value
            else:
                setattr(self, name, getattr(self, name) + value)
        self.fees_waived += (bucket["exempt_cases"] or 0) * fee
        days = bucket["decision_workdays"]
        if days is not None:
            self.decided += bucket["cases"]
            self.histogram[days] += bucket["cases"]
            if promised is not None:
                if days <= promised:
                    self.within_promise += bucket["cases"]
                else:
                    self.decided_late += bucket["cases"]

    def merge(self, other: Row) -> None:
        for name in ADDITIVE:
            if not name.startswith("rating_"):
                setattr(self, name, getattr(self, name) + getattr(other, name))
        for level, count in other.ratings.items():
            self.ratings[level] = self.ratings.get(level, 0) + count
        for days, count in other.histogram.items():
            self.histogram[days] += count
        self.fees_waived += other.fees_waived
        self.decided += other.decided
        self.within_promise += other.within_promise
        self.decided_late += other.decided_late

    def finish(self) -> Row:
        self.median_days = percentile(self.histogram, 0.5)
        self.p90_days = percentile(self.histogram, 0.9)
        return self

    @property
    def overdue(self) -> int:
        """Cases past their promised limit: decided late, or still open and past the due date."""
        return self.decided_late + self.overdue_open

    @property
    def certificate_free_share(self):
        return _share(self.certificate_free, self.cases)

    @property
    def fetched_share(self):
        return _share(self.fetched, self.fetched + self.uploaded + self.paper)

    @property
    def prefilled_share(self):
        return _share(self.prefilled, self.prefilled + self.typed)

    @property
    def instant_share(self):
        return _share(self.instant, self.cases)

    @property
    def within_promise_share(self):
        return _share(self.within_promise, self.decided)

    @property
    def supplement_share(self):
        return _share(self.supplemented, self.cases)

    @property
    def rating_list(self) -> list[tuple[int, int]]:
        return [(level, self.ratings.get(level, 0)) for level in RATING_LEVELS]

    @property
    def good_share(self):
        return _share(self.ratings.get(5, 0) + self.ratings.get(4, 0), self.rated)


@dataclass
class Statistics:
    filters: Filters
    groups: list[Row]
    months: list[Row]
    total: Row
    percentiles: bool


def _buckets(cases, today: date) -> list[dict]:
    query = cases.values(*BUCKET).annotate(**_aggregates(today)).order_by()
    if connection.vendor != "postgresql":
        return list(query)
    with transaction.atomic(), connection.cursor() as cursor:
        # a few thousand groups: room to hash them in memory (the estimate is far higher), and no JIT warm-up
        cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute("SET LOCAL jit = off")
        return list(query)


def compute(filters: Filters, *, today: date | None = None) -> Statistics:
    """Every figure of the statistics page in three queries (the buckets, item names, department names)."""
    today = today or timezone.localdate()
    buckets = _buckets(filters.cases(), today)
    items = {
        pk: (code, name, promised, fee)
        for pk, code, name, promised, fee in ServiceItem.objects.filter(
            pk__in={b["service_item_id"] for b in buckets}
        ).values_list("pk", "code", "name", "promised_days", "fee")
    }
    latest_name = {}
    for pk in sorted(items):
        latest_name[items[pk][0]] = (items[pk][1], items[pk][2])  # the newest version's name and promise
    groups: dict[tuple, Row] = {}
    for bucket in buckets:
        code, _name, promised, fee = items[bucket["service_item_id"]]
        key = (code, bucket["department_id"], bucket["opened_month"])
        row = groups.get(key)
        if row is None:
            row = groups[key] = Row(service_code=code, department_id=key[1], month=key[2])
        row.add(bucket, promised=promised, fee=fee or Decimal("0"))

    departments = dict(Department.objects.filter(pk__in={k[1] for k in groups}).values_list("pk", "name"))
    months: dict[date, Row] = {}
    total = Row()
    for key in sorted(groups, key=lambda k: (k[0], k[1], k[2])):
        row = groups[key]
        row.service_name, row.promised_days = latest_name.get(row.service_code, (row.service_code, None))
        row.department_name = departments.get(row.department_id, "")
        months.setdefault(row.month, Row(month=row.month)).merge(row)
        total.merge(row)
    return Statistics(
        filters=filters,
        groups=[groups[k].finish() for k in sorted(groups, key=lambda k: (k[0], k[1], k[2]))],
        months=[months[m].finish() for m in sorted(months)],
        total=total.finish(),
        percentiles=percentiles_available(),
    )
