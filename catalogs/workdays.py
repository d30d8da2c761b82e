"""Working days (工作日) by the calendar stored in the database: due dates and elapsed days.

    from catalogs import workdays

    workdays.is_working_day(date(2026, 2, 14))          # True: 春节调休上班 (a Saturday)
    workdays.add_working_days(date(2025, 9, 30), 1)     # date(2025, 10, 9): golden week skipped
    workdays.working_days_between(date(2025, 9, 30), date(2025, 10, 9))  # 1
    workdays.covered(2027)                              # False until its days are seeded or entered
    workdays.due_date(date(2027, 3, 1), 5)              # Deadline(day=…, provisional=True, uncovered_years=(2027,))

Counting rule (行政许可法 and 期间 practice): the day of 受理 (acceptance) does not count, whatever
kind of day it is. A limit of N working days ends on the N-th working day *after* the start day;
N = 0 (即办) ends on the start day itself. ``working_days_between(start, end)`` counts the working
days ``d`` with ``start < d <= end``, so ``working_days_between(s, add_working_days(s, n)) == n``.

A working day is Monday–Friday unless a :class:`~catalogs.models.CalendarDay` makes it a 法定节假日,
or Saturday/Sunday when a CalendarDay makes it a 调休上班 day.

Uncovered years: a year without a :class:`~catalogs.models.CalendarYear` row is counted by weekends
only (a case is never refused for want of a calendar), the result is marked ``provisional`` in
:func:`due_date` / :func:`elapsed`, a ``calendar.year_not_covered`` warning is logged, and the system
check ``catalogs.W001`` warns while the current or next year is uncovered.

No state is kept between calls (several app servers may serve one database): every call reads the
exception days of the range it needs in one query, plus one query for the years' coverage, whatever
the number of days. For many computations over one range, load a :class:`WorkdayCalendar` once.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from catalogs.models import CalendarDay, CalendarYear, DayKind

logger = logging.getLogger(__name__)

__all__ = [
    "Deadline",
    "Elapsed",
    "OutsideLoadedRange",
    "WorkdayCalendar",
    "add_working_days",
    "covered",
    "due_date",
    "elapsed",
    "is_working_day",
    "uncovered_years",
    "working_days_between",
]


@dataclass(frozen=True)
class Deadline:
    """A due date; ``provisional`` when a year it spans has no confirmed holiday arrangement."""

    day: date
    provisional: bool
    uncovered_years: tuple[int, ...] = ()


@dataclass(frozen=True)
class Elapsed:
    """Working days between two dates; ``provisional`` as for :class:`Deadline`."""

    days: int
    provisional: bool
    uncovered_years: tuple[int, ...] = ()


class OutsideLoadedRange(ValueError):
    """A :class:`WorkdayCalendar` was asked about a day it did not load."""


def _check_date(value, name: str) -> date:
    # a datetime is a date too, but its calendar day depends on the time zone: make the caller choose
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(
            f"{name} must be a datetime.date (use django.utils.timezone.localdate(moment) for a moment)"
        )
    return value


@dataclass(frozen=True)
class WorkdayCalendar:
    """The exception days of ``[first, last]`` and which of its years are covered; pure in-memory logic.

    Load it with :meth:`load`; asking about a day outside the range raises ``ValueError``.
    """

    first: date
    last: date
    exceptions: dict[date, str]  # date -> DayKind value
    covered_years: frozenset[int]

    @classmethod
    def load(cls, first: date, last: date) -> "WorkdayCalendar":
        _check_date(first, "first")
        _check_date(last, "last")
        if last < first:
            raise ValueError("last must not be before first")
        exceptions = dict(
            CalendarDay.objects.filter(date__gte=first, date__lte=last).values_list("date", "kind")
        )
        years = frozenset(
            CalendarYear.objects.filter(year__gte=first.year, year__lte=last.year).values_list(
                "year", flat=True
            )
        )
        return cls(first=first, last=last, exceptions=exceptions, covered_years=years)

    def _within(self, day: date) -> None:
        if not self.first <= day <= self.last:
            raise OutsideLoadedRange(f"{day} is outside the loaded range {self.first}..{self.last}")

    def is_working_day(self, day: date) -> bool:
        self._within(day)
        kind = self.exceptions.get(day)
        if kind == DayKind.HOLIDAY:
            return False
        if kind == DayKind.MAKEUP_WORKDAY:
            return True
        return day.weekday() < 5

    def uncovered_years(self, first: date, last: date) -> tuple[int, ...]:
        return tuple(year for year in range(first.year, last.year + 1) if year not in self.covered_years)

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start`` (``start`` itself when ``days`` is 0)."""
        if days < 0:
            raise ValueError("days must not be negative")
        day, left = start, days
        while left:
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in ``(start, end]``; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(
            1
            for offset in range(1, (end - start).days + 1)
            if self.is_working_day(start + timedelta(days=offset))
        )


def _window(days: int) -> int:
    """Calendar days that certainly hold ``days`` working days after a start day.

    A week has at least 5 working days but for holiday periods; the longest period off in a row
    (春节, 国庆节) is 9 days. Twice the working days plus a month covers any arrangement so far;
    :func:`due_date` widens the window if an odd calendar ever needs more.
    """
    return 2 * days + 31


def _warn(what: str, years: tuple[int, ...]) -> None:
    if years:
        logger.warning(
            "calendar.year_not_covered years=%s what=%s: counted by weekends only; seed or enter the holidays",
            ",".join(map(str, years)),
            what,
        )


def due_date(start: date, days: int) -> Deadline:
    """The due date ``days`` working days after ``start`` (see the module's counting rule)."""
    _check_date(start, "start")
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise ValueError("days must be a whole number of working days, 0 or more")
    window = _window(days)
    while True:
        calendar = WorkdayCalendar.load(start, start + timedelta(days=window))
        try:
            day = calendar.add_working_days(start, days)
        except OutsideLoadedRange:  # only a calendar with very long holidays runs out of the window
            window *= 2
            continue
        uncovered = calendar.uncovered_years(start, day)
        _warn("due_date", uncovered)
        return Deadline(day=day, provisional=bool(uncovered), uncovered_years=uncovered)


def elapsed(start: date, end: date) -> Elapsed:
    """Working days from ``start`` to ``end`` (see :func:`working_days_between`), with coverage."""
    _check_date(start, "start")
    _check_date(end, "end")
    first, last = min(start, end), max(start, end)
    calendar = WorkdayCalendar.load(first, last)
    uncovered = calendar.uncovered_years(first, last)
    _warn("elapsed", uncovered)
    return Elapsed(
        days=calendar.working_days_between(start, end), provisional=bool(uncovered), uncovered_years=uncovered
    )


def add_working_days(start: date, days: int) -> date:
    """The due date: the ``days``-th working day after ``start``; ``start`` itself for 0 (即办).

    The start day (受理日) never counts. Uncovered years are counted by weekends only and logged;
    use :func:`due_date` to learn whether the result is provisional.
    """
    return due_date(start, days).day


def working_days_between(start: date, end: date) -> int:
    """Working days ``d`` with ``start < d <= end`` (negative when ``end < start``; 0 when equal)."""
    return elapsed(start, end).days


def is_working_day(day: date) -> bool:
    """Whether ``day`` is a working day (weekday unless a holiday; weekend only when 调休上班)."""
    _check_date(day, "day")
    calendar = WorkdayCalendar.load(day, day)
    _warn("is_working_day", calendar.uncovered_years(day, day))
    return calendar.is_working_day(day)


def covered(year: int) -> bool:
    """Whether the holiday arrangement of ``year`` is in the database (seeded or confirmed by an admin)."""
    return CalendarYear.objects.filter(year=year).exists()


def uncovered_years(years: Iterable[int]) -> list[int]:
    """Those of ``years`` that are not covered, in one query."""
    wanted = sorted(set(years))
    have = set(CalendarYear.objects.filter(year__in=wanted).values_list("year", flat=True))
    return [year for year in wanted if year not in have]
