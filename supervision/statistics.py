"""The supervision figures (减环节、减材料、减时限、减费用、好差评), computed by the database.

Every figure is an aggregate over indexed columns of ``workflows_case`` (the facts of
``workflows.services.facts``), grouped per service item, department and month of application, per month, and in
total: a fixed number of queries, whatever the number of cases. Nothing loops over cases in Python; the loops here
run over the aggregated groups (a few hundred rows at most).

Percentiles: on PostgreSQL ``percentile_cont`` (continuous, linear interpolation, as ``numpy.percentile``'s
default). SQLite has no ordered-set aggregate, so there the median and 90th percentile are shown as "—" and
``percentiles_available`` is False (development only; production and CI run PostgreSQL).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Q, Sum, Value
from django.utils import timezone

from catalogs.models import Department, ServiceItem
from workflows.models import Case, DeadlineFlag, Decision, Rectification, RectificationState

RATING_LEVELS = (5, 4, 3, 2, 1)


class PercentileCont(Aggregate):
    """``percentile_cont(p) WITHIN GROUP (ORDER BY expr)`` (PostgreSQL)."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    template = "%(function)s(%(percentile)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, *, percentile: float, **extra):
        if not 0 <= percentile <= 1:
            raise ValueError("percentile must be within [0, 1]")
        super().__init__(expression, percentile=repr(float(percentile)), **extra)


def percentiles_available() -> bool:
    return connection.vendor == "postgresql"


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


def _aggregates() -> dict:
    late = Q(decision_workdays__gt=F("service_item__promised_days"))
    figures = {
        "cases": Count("pk"),
        "certificate_free": Count("pk", filter=Q(materials_uploaded=0, materials_paper=0)),
        "fetched": Sum("materials_fetched"),
        "uploaded": Sum("materials_uploaded"),
        "paper": Sum("materials_paper"),
        "prefilled": Sum("fields_prefilled"),
        "typed": Sum("fields_typed"),
        "instant": Count("pk", filter=Q(decision=Decision.APPROVED, decided_by__isnull=True)),
        "decided": Count("pk", filter=Q(decision_workdays__isnull=False)),
        "within_promise": Count("pk", filter=Q(decision_workdays__lte=F("service_item__promised_days"))),
        "decided_late": Count("pk", filter=late),
        "overdue_open": Count("pk", filter=Q(deadline_flag=DeadlineFlag.OVERDUE)),
        "due_soon": Count("pk", filter=Q(deadline_flag=DeadlineFlag.DUE_SOON)),
        "supplemented": Count("pk", filter=Q(supplement_round__gt=0)),
        "exempt_cases": Count("pk", filter=Q(fee_exempt=True)),
        "fees_waived": Sum("service_item__fee", filter=Q(fee_exempt=True)),
        "rated": Count("pk", filter=Q(rating_level__isnull=False)),
        **{f"rating_{level}": Count("pk", filter=Q(rating_level=level)) for level in RATING_LEVELS},
    }
    if percentiles_available():
        figures["median_days"] = PercentileCont("decision_workdays", percentile=0.5)
        figures["p90_days"] = PercentileCont("decision_workdays", percentile=0.9)
    else:
        figures["median_days"] = Value(None, output_field=FloatField())
        figures["p90_days"] = Value(None, output_field=FloatField())
    return figures


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
    open_rectifications: int = 0
    overdue_rectifications: int = 0
    promised_days: int | None = None
    service_code: str = ""
    service_name: str = ""
    department_id: int | None = None
    department_name: str = ""
    month: date | None = None

    @classmethod
    def of(cls, values: dict) -> Row:
        row = cls()
        for name, value in values.items():
            if name.startswith("rating_"):
                row.ratings[int(name.split("_")[1])] = value or 0
            elif name == "month":
                row.month = timezone.localtime(value).date() if isinstance(value, datetime) else value
            elif hasattr(row, name):
                setattr(row, name, value if value is not None else getattr(cls, name, None))
        row.fees_waived = row.fees_waived or Decimal("0")
        return row

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


def _rectification_counts(filters: Filters, today: date) -> dict[tuple, tuple[int, int]]:
    """Open rectifications (and how many are past their deadline) per service item, department and month."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(filters.date_from, time.min), tz)
    end = timezone.make_aware(datetime.combine(filters.date_to + timedelta(days=1), time.min), tz)
    rows = Rectification.objects.exclude(state=RectificationState.CLOSED).filter(
        rating__case__opened_at__gte=start, rating__case__opened_at__lt=end
    )
    if filters.department_id:
        rows = rows.filter(rating__case__department_id=filters.department_id)
    grouped = (
        rows.values(
            "rating__case__service_code", "rating__case__department_id", month=F("rating__case__opened_month")
        )
        .annotate(open=Count("pk"), late=Count("pk", filter=Q(due_on__lt=today)))
        .order_by()
    )
    counts = {}
    for g in grouped:
        month = timezone.localtime(g["month"]).date() if isinstance(g["month"], datetime) else g["month"]
        key = (g["rating__case__service_code"], g["rating__case__department_id"], month)
        counts[key] = (g["open"], g["late"])
    return counts


def compute(filters: Filters, *, today: date | None = None) -> Statistics:
    """Every figure of the statistics page in six queries (groups, months, total, rectifications, names)."""
    today = today or timezone.localdate()
    cases = filters.cases()
    figures = _aggregates()
    groups = [
        Row.of(values)
        for values in cases.values("service_code", "department_id", month=F("opened_month"))
        .annotate(**figures)
        .order_by("service_code", "department_id", "month")
    ]
    months = [
        Row.of(values)
        for values in cases.values(month=F("opened_month")).annotate(**figures).order_by("month")
    ]
    total = Row.of(cases.aggregate(**figures))

    rectifications = _rectification_counts(filters, today)
    by_month: dict[date, list[int]] = {}
    for (_code, _department, month), (open_, late) in rectifications.items():
        by_month.setdefault(month, [0, 0])
        by_month[month][0] += open_
        by_month[month][1] += late
        total.open_rectifications += open_
        total.overdue_rectifications += late
    for row in groups:
        row.open_rectifications, row.overdue_rectifications = rectifications.get(
            (row.service_code, row.department_id, row.month), (0, 0)
        )
    for row in months:
        row.open_rectifications, row.overdue_rectifications = by_month.get(row.month, (0, 0))

    codes = {row.service_code for row in groups}
    items = {}
    for code, name, promised in (
        ServiceItem.objects.filter(code__in=codes)
        .order_by("code", "id")
        .values_list("code", "name", "promised_days")
    ):
        items[code] = (name, promised)  # the latest version's name and promise win
    departments = dict(
        Department.objects.filter(pk__in={r.department_id for r in groups}).values_list("pk", "name")
    )
    for row in groups:
        row.service_name, row.promised_days = items.get(row.service_code, (row.service_code, None))
        row.department_name = departments.get(row.department_id, "")
    return Statistics(
        filters=filters, groups=groups, months=months, total=total, percentiles=percentiles_available()
    )
