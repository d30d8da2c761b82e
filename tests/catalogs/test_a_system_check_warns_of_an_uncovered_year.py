"""The deploy check catalogs.W001: this year and next year must be in the working-day calendar."""

from datetime import date

import pytest
import time_machine

from catalogs.checks import calendar_covers_this_year_and_next
from catalogs.models import CalendarYear
from catalogs.services import confirm_calendar_year

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2026, 6, 1))
def test_the_system_check_warns_while_next_year_is_not_covered(seeded):
    warnings = calendar_covers_this_year_and_next(databases=["default"])
    assert [(w.id, "2027" in w.msg) for w in warnings] == [("catalogs.W001", True)]


@time_machine.travel(date(2026, 6, 1))
def test_the_system_check_is_quiet_when_this_year_and_next_are_covered(seeded):
    confirm_calendar_year(year=CalendarYear(year=2027))
    assert calendar_covers_this_year_and_next(databases=["default"]) == []


def test_the_system_check_does_not_touch_the_database_unless_asked(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert calendar_covers_this_year_and_next(databases=None) == []
