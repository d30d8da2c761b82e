"""Filters from the query string are untrusted: a bad date or department is explained in Chinese and the default
range is used; markup in them is never echoed as markup; unknown tables and formats are 404s."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_bad_date_is_named_and_the_default_range_used(auditor, client):
    client.force_login(auditor)
    page = client.get("/supervision/", {"from": "<b>昨天</b>", "to": "2026-13-01", "department": "x"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "不是有效日期，请按 2026-01-31 的格式填写" in html
    assert "<b>昨天</b>" not in html and "&lt;b&gt;昨天&lt;/b&gt;" in html
    assert page.context["filters"].department_id is None


def test_an_end_before_the_start_falls_back_to_the_default(auditor, client):
    client.force_login(auditor)
    page = client.get("/supervision/", {"from": "2026-05-01", "to": "2026-04-01"})
    assert "截止日期早于起始日期" in page.content.decode()
    assert page.context["filters"].date_from < page.context["filters"].date_to


def test_unknown_tables_and_formats_are_not_found(auditor, client):
    client.force_login(auditor)
    assert client.get("/supervision/statistics/cases.csv").status_code == 404
    assert client.get("/supervision/statistics/groups.pdf").status_code == 404
    assert client.get("/supervision/overdue.exe").status_code == 404
