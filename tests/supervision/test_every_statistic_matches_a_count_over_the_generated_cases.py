"""Every figure of the statistics (per service item, department and month; per month; in total) equals a count
made again in plain Python over the generated cases and their licenses, uploads, ratings and rectifications."""

import csv
import io
from datetime import date

import pytest
from django.utils import timezone

from catalogs.workdays import working_days_between
from supervision.figures import Filters, compute
from tests.supervision.conftest import TODAY
from tests.supervision.expected import expected
from workflows.models import Case

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

FIGURES = [
    "cases", "certificate_free", "fetched", "uploaded", "paper", "prefilled", "typed", "instant", "decided",
    "within_promise", "decided_late", "overdue_open", "supplemented", "exempt_cases", "fees_waived", "rated",
    "open_rectifications", "overdue_rectifications", "median_days", "p90_days",
]  # fmt: skip


def _figures(row) -> dict:
    figures = {name: getattr(row, name) for name in FIGURES}
    figures.update({f"rating_{level}": count for level, count in row.rating_list})
    return figures


def _close(actual: dict, wanted: dict) -> None:
    for name, value in wanted.items():
        got = actual[name]
        if isinstance(value, float) and got is not None:
            assert got == pytest.approx(value), name
        else:
            assert got == value, name


def _check(stats, wanted: dict) -> None:
    _close(_figures(stats.total), wanted[("total",)])
    assert {row.month for row in stats.months} == {key[1] for key in wanted if key[0] == "month"}
    for row in stats.months:
        _close(_figures(row), wanted[("month", row.month)])
    group_keys = {key for key in wanted if len(key) == 3}
    assert {(r.service_code, r.department_id, r.month) for r in stats.groups} == group_keys
    for row in stats.groups:
        _close(_figures(row), wanted[(row.service_code, row.department_id, row.month)])


def test_all_figures_over_every_department_and_month(generated):
    generated(600)
    stats = compute(Filters(date(2020, 1, 1), TODAY), today=TODAY)
    wanted = expected(date_from=date(2020, 1, 1), date_to=TODAY, today=TODAY)
    total = wanted[("total",)]
    # the generated world is varied enough for every figure to mean something
    assert total["cases"] == 600 and 0 < total["certificate_free"] < 600 and total["instant"] > 0
    assert total["overdue_open"] > 0 and total["decided_late"] > 0 and total["open_rectifications"] > 0
    assert total["fees_waived"] > 0 and total["rating_1"] > 0 and total["paper"] > 0
    assert stats.percentiles and stats.total.median_days is not None
    _check(stats, wanted)


def test_a_date_range_and_a_department_limit_every_figure(generated):
    generated(500, seed=11)
    department_id = Case.objects.values_list("department_id", flat=True).order_by("department_id").first()
    start, end = date(2025, 11, 10), date(2026, 3, 20)
    stats = compute(Filters(start, end, department_id), today=TODAY)
    wanted = expected(date_from=start, date_to=end, today=TODAY, department_id=department_id)
    assert 0 < wanted[("total",)]["cases"] < 500
    _check(stats, wanted)


def test_the_generated_decision_days_follow_the_working_day_calendar(generated):
    generated(300, seed=3)
    decided = Case.objects.filter(decision_workdays__isnull=False)
    assert decided.count() > 100
    for case in decided:
        elapsed = working_days_between(
            timezone.localdate(case.accepted_at), timezone.localdate(case.decided_at)
        )
        assert case.decision_workdays == elapsed - case.suspended_days
        assert case.opened_month == timezone.localdate(case.opened_at).replace(day=1)


def test_the_page_and_its_downloads_show_the_same_figures(generated, auditor, client):
    generated(300, seed=5)
    wanted = expected(date_from=date(2020, 1, 1), date_to=TODAY, today=TODAY)
    client.force_login(auditor)
    query = f"?from=2020-01-01&to={TODAY.isoformat()}"
    page = client.get("/supervision/" + query)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-figure="cases">{wanted[("total",)]["cases"]}<' in html
    assert "<svg" in html and "<pattern" in html  # charts drawn inline, with fill patterns
    download = client.get("/supervision/statistics/groups.csv" + query)
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig"))))
    groups = {k: v for k, v in wanted.items() if len(k) == 3}
    assert len(rows) == len(groups)
    assert sum(int(r["办件量"]) for r in rows) == wanted[("total",)]["cases"]
    assert sum(int(r["调取证照"]) for r in rows) == wanted[("total",)]["fetched"]
    xlsx = client.get("/supervision/statistics/months.xlsx" + query)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
