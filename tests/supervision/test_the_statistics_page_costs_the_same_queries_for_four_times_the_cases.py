"""The statistics page, the overdue list and the rectification list answer with a number of queries that does not
grow with the cases (the 1,000,000-case timing is bench/supervision_stats.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workflows.models import Case

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
PAGES = ["/supervision/?from=2020-01-01", "/supervision/overdue/", "/supervision/rectifications/"]


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def test_each_page_takes_the_same_queries_for_150_and_600_cases(generated, auditor, client):
    client.force_login(auditor)
    generated(150, seed=3)
    assert Case.objects.exclude(deadline_flag="").exists()  # every list has rows to show at both sizes
    few = [_queries(client, path) for path in PAGES]
    generated(450, seed=2)
    assert Case.objects.count() == 600
    many = [_queries(client, path) for path in PAGES]
    assert many == few
