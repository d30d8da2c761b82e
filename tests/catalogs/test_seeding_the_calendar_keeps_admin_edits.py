"""Seeding from chinese-calendar is idempotent and never overwrites what an administrator entered."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from catalogs import workdays
from catalogs.models import CalendarDay, CalendarSource, CalendarYear, DayKind
from catalogs.services import confirm_calendar_year, save_calendar_day, seed_calendar

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _an_empty_calendar(db):
    """Each test counts the rows it made: start from no calendar, whatever another module left committed."""
    CalendarDay.objects.all().delete()
    CalendarYear.objects.all().delete()


def rows() -> list[tuple]:
    return list(CalendarDay.objects.order_by("date").values_list("date", "kind", "name", "source"))


def test_seeding_stores_the_named_holidays_and_make_up_days_and_marks_the_year_covered(seeded):
    assert CalendarDay.objects.get(date=date(2026, 2, 17)).name == "春节"
    assert CalendarDay.objects.get(date=date(2025, 10, 6)).name == "中秋"
    workday = CalendarDay.objects.get(date=date(2026, 2, 28))
    assert (workday.kind, workday.source) == (DayKind.MAKEUP_WORKDAY, CalendarSource.PACKAGE)
    assert CalendarYear.objects.get(year=2026).source_detail == "chinesecalendar 1.11.0"
    assert workdays.covered(2025) and workdays.covered(2026)


def test_seeding_twice_changes_nothing(seeded):
    before = rows(), list(CalendarYear.objects.values())
    again = seed_calendar(years=[2025, 2026])
    assert (rows(), list(CalendarYear.objects.values())) == before
    assert again.seeded == {2025: 0, 2026: 0}


def test_a_day_an_administrator_edited_survives_re_seeding(seeded):
    # a provincial decision: 2026-02-28 is a rest day here after all
    day = CalendarDay.objects.get(date=date(2026, 2, 28))
    day.kind, day.name = DayKind.HOLIDAY, "春节（本省调整）"
    save_calendar_day(day=day, user=None)
    report = seed_calendar(years=[2026])
    day.refresh_from_db()
    assert (day.kind, day.name, day.source) == (DayKind.HOLIDAY, "春节（本省调整）", CalendarSource.ADMIN)
    assert report.kept_admin_days == {2026: 1}
    assert not workdays.is_working_day(date(2026, 2, 28))


def test_a_package_day_the_package_no_longer_lists_is_removed_but_an_admin_day_is_not(seeded):
    CalendarDay.objects.create(
        date=date(2026, 3, 3), kind=DayKind.HOLIDAY, name="旧数据", source=CalendarSource.PACKAGE
    )
    save_calendar_day(day=CalendarDay(date=date(2026, 3, 4), kind=DayKind.HOLIDAY, name="本地假日"))
    seed_calendar(years=[2026])
    assert not CalendarDay.objects.filter(date=date(2026, 3, 3)).exists()
    assert CalendarDay.objects.filter(date=date(2026, 3, 4), source=CalendarSource.ADMIN).exists()


def test_a_year_an_administrator_confirmed_is_left_alone(db):
    save_calendar_day(day=CalendarDay(date=date(2026, 10, 1), kind=DayKind.HOLIDAY, name="国庆节"))
    confirm_calendar_year(year=CalendarYear(year=2026, source_detail="国办发明电〔2025〕X号"))
    report = seed_calendar(years=[2026])
    assert report.admin_years == [2026]
    assert CalendarDay.objects.count() == 1
    assert CalendarYear.objects.get(year=2026).source == CalendarSource.ADMIN


def test_a_year_the_package_does_not_know_stays_uncovered(db):
    report = seed_calendar(years=[2027])
    assert report.unavailable == [2027]
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert "2027 年：chinese-calendar 软件包没有该年数据" in report.lines()[0]


def test_a_make_up_workday_must_fall_on_a_weekend(db):
    with pytest.raises(ValidationError) as refused:
        save_calendar_day(day=CalendarDay(date=date(2027, 2, 3), kind=DayKind.MAKEUP_WORKDAY, name="春节"))
    assert refused.value.message_dict["kind"] == [
        "2027-02-03 是周三，本来就是工作日：调休上班日只能是周六或周日。"
    ]


def test_the_command_seeds_a_range_of_years_and_reports_the_gap(db):
    out = StringIO()
    call_command("seed_calendar", "--years", "2025-2027", stdout=out)
    assert "2026 年：已按 chinesecalendar 1.11.0 载入" in out.getvalue()
    assert "未覆盖的年份：2027" in out.getvalue()
    assert sorted(CalendarYear.objects.values_list("year", flat=True)) == [2025, 2026]


def test_the_command_in_strict_mode_fails_while_a_year_is_uncovered(db):
    with pytest.raises(CommandError, match="2027"):
        call_command("seed_calendar", "--years", "2026,2027", "--strict", stdout=StringIO())


def test_the_demo_seeds_the_calendar(demo_catalog):
    assert workdays.covered(2025) and workdays.covered(2026)
    assert CalendarDay.objects.filter(date=date(2025, 10, 1), name="国庆节").exists()


def test_policy_staff_edit_a_day_in_the_admin_and_the_edit_is_marked_as_theirs(client, policy_user, seeded):
    day = CalendarDay.objects.get(date=date(2026, 2, 14))
    client.force_login(policy_user)
    response = client.post(
        f"/admin/catalogs/calendarday/{day.pk}/change/",
        {"date": "2026-02-14", "kind": "workday", "name": "春节调休"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    day.refresh_from_db()
    assert (day.name, day.source, day.updated_by) == ("春节调休", CalendarSource.ADMIN, policy_user)
    assert client.get("/admin/catalogs/calendaryear/").status_code == 200


def test_other_roles_may_read_but_not_change_the_calendar(client, handler_user, seeded):
    day = CalendarDay.objects.get(date=date(2026, 2, 14))
    client.force_login(handler_user)
    assert client.get("/admin/catalogs/calendarday/").status_code == 200
    response = client.post(
        f"/admin/catalogs/calendarday/{day.pk}/change/",
        {"date": "2026-02-14", "kind": "holiday", "name": "x"},
    )
    assert response.status_code == 403
    day.refresh_from_db()
    assert (day.kind, day.source) == (DayKind.MAKEUP_WORKDAY, CalendarSource.PACKAGE)
    assert client.get("/admin/catalogs/calendaryear/add/").status_code == 403
