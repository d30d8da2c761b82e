"""A year nobody has loaded is counted by weekends only, and the caller is told: a result flag and a logged warning."""

import logging
from datetime import date

import pytest

from catalogs import workdays
from catalogs.models import CalendarDay, CalendarYear, DayKind
from catalogs.services import confirm_calendar_year, save_calendar_day

pytestmark = pytest.mark.django_db


def test_2027_is_not_covered_by_the_package(seeded):
    assert not workdays.covered(2027)


def test_a_due_date_in_an_uncovered_year_is_counted_by_weekends_and_marked_provisional(seeded, caplog):
    with caplog.at_level(logging.WARNING, logger="catalogs.workdays"):
        deadline = workdays.due_date(date(2027, 9, 30), 1)
    assert deadline == workdays.Deadline(day=date(2027, 10, 1), provisional=True, uncovered_years=(2027,))
    assert "calendar.year_not_covered years=2027" in caplog.text


def test_a_due_date_running_into_an_uncovered_year_is_provisional(seeded):
    deadline = workdays.due_date(date(2026, 12, 20), 20)
    assert deadline.provisional and deadline.uncovered_years == (2027,)


def test_a_due_date_within_covered_years_is_final_and_logs_nothing(seeded, caplog):
    with caplog.at_level(logging.WARNING, logger="catalogs.workdays"):
        assert workdays.due_date(date(2026, 2, 13), 2) == workdays.Deadline(
            day=date(2026, 2, 24), provisional=False
        )
        assert workdays.elapsed(date(2026, 2, 13), date(2026, 2, 24)) == workdays.Elapsed(
            days=2, provisional=False
        )
    assert caplog.text == ""


def test_once_an_administrator_enters_and_confirms_2027_it_counts(seeded):
    for day in range(1, 8):
        save_calendar_day(day=CalendarDay(date=date(2027, 10, day), kind=DayKind.HOLIDAY, name="国庆节"))
    confirm_calendar_year(year=CalendarYear(year=2027, source_detail="国务院办公厅通知"))
    assert workdays.covered(2027)
    assert workdays.due_date(date(2027, 9, 30), 1) == workdays.Deadline(
        day=date(2027, 10, 8), provisional=False
    )
