"""Due dates in working days on the real 2025–2026 arrangements (国务院办公厅通知, as chinese-calendar has them).

2025 国庆节+中秋: 10月1日–8日 off, 9月28日（周日）and 10月11日（周六）work.
2026 春节: 2月15日–23日 off, 2月14日（周六）and 2月28日（周六）work.
"""

from datetime import date, datetime, timedelta

import chinese_calendar
import pytest

from catalogs import workdays
from catalogs.workdays import WorkdayCalendar

pytestmark = pytest.mark.django_db


def test_one_working_day_after_the_eve_of_national_day_2025_is_after_the_golden_week(seeded):
    assert workdays.add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)


def test_the_make_up_saturday_after_national_day_2025_counts(seeded):
    # 10月9日（四）、10日（五）、11日（六，调休上班）
    assert workdays.add_working_days(date(2025, 9, 30), 3) == date(2025, 10, 11)
    assert workdays.add_working_days(date(2025, 9, 30), 4) == date(2025, 10, 13)


def test_the_make_up_sunday_before_national_day_2025_is_a_working_day(seeded):
    assert workdays.is_working_day(date(2025, 9, 28))
    assert workdays.add_working_days(date(2025, 9, 26), 1) == date(2025, 9, 28)


def test_a_weekday_inside_the_2026_spring_festival_is_not_a_working_day(seeded):
    assert not workdays.is_working_day(date(2026, 2, 18))  # 周三，春节
    assert workdays.is_working_day(date(2026, 2, 14))  # 周六，调休上班


def test_a_case_accepted_before_the_2026_spring_festival_is_due_after_it(seeded):
    accepted = date(2026, 2, 13)  # 周五
    assert [workdays.add_working_days(accepted, n) for n in (1, 2, 5, 6, 7)] == [
        date(2026, 2, 14),  # 周六调休上班
        date(2026, 2, 24),  # 节后第一天（周二）
        date(2026, 2, 27),
        date(2026, 2, 28),  # 周六调休上班
        date(2026, 3, 2),
    ]


def test_the_acceptance_day_does_not_count_even_when_it_is_a_working_day(seeded):
    assert workdays.add_working_days(date(2026, 3, 2), 1) == date(2026, 3, 3)


def test_a_case_accepted_on_a_holiday_counts_from_the_next_working_day(seeded):
    assert workdays.add_working_days(date(2025, 10, 1), 1) == date(2025, 10, 9)


def test_zero_days_means_due_on_the_acceptance_day(seeded):
    assert workdays.add_working_days(date(2025, 10, 1), 0) == date(2025, 10, 1)


def test_working_days_between_counts_the_end_day_but_not_the_start_day(seeded):
    assert workdays.working_days_between(date(2026, 2, 13), date(2026, 2, 28)) == 6
    assert workdays.working_days_between(date(2026, 2, 28), date(2026, 2, 13)) == -6
    assert workdays.working_days_between(date(2025, 10, 1), date(2025, 10, 8)) == 0
    assert workdays.working_days_between(date(2026, 3, 2), date(2026, 3, 2)) == 0


def test_every_day_of_2025_and_2026_agrees_with_the_chinese_calendar_package(seeded):
    first, last = date(2025, 1, 1), date(2026, 12, 31)
    calendar = WorkdayCalendar.load(first, last)
    disagreements = [
        day
        for day in (first + timedelta(days=n) for n in range((last - first).days + 1))
        if calendar.is_working_day(day) != chinese_calendar.is_workday(day)
    ]
    assert disagreements == []


def test_counting_back_a_due_date_gives_the_limit_around_the_2025_holidays(seeded):
    for start in (date(2025, 1, 20) + timedelta(days=n) for n in range(0, 260, 3)):
        for days in (1, 3, 5, 15, 20):
            due = workdays.add_working_days(start, days)
            assert workdays.working_days_between(start, due) == days, (start, days)
            assert workdays.is_working_day(due)


def test_a_due_date_takes_two_queries_however_long_the_limit(seeded, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert workdays.add_working_days(date(2025, 1, 2), 240) > date(2025, 12, 1)
    with django_assert_num_queries(2):
        workdays.working_days_between(date(2025, 1, 1), date(2026, 12, 31))


def test_a_moment_must_be_turned_into_a_local_date_first(seeded):
    with pytest.raises(TypeError, match="localdate"):
        workdays.add_working_days(datetime(2026, 2, 13, 23, 30), 1)


def test_a_negative_limit_is_refused(seeded):
    with pytest.raises(ValueError):
        workdays.add_working_days(date(2026, 2, 13), -1)
