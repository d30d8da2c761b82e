"""The handler queue and the case list answer with a number of queries that does not grow with the cases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.workflows.api import client_for
from tests.workflows.conftest import ENTERPRISE, ENTERPRISE_ANSWERS, File
from workflows.services import filling, starting

pytestmark = pytest.mark.django_db
FORM = {
    "company_name": "演示有限公司",
    "capital": "1",
    "address": "西宁",
    "scope": "销售",
    "phone": "13800000000",
    "legal_rep": "马建国",
}


def _queued_cases(demo, run, count: int) -> None:
    for _ in range(count):
        case = run(
            starting.start_case, service_code=ENTERPRISE, applicant=demo.qiye, answers=ENTERPRISE_ANSWERS
        )
        for material in filling.missing_uploads(case):
            filling.add_upload(case=case, user=demo.qiye, material_key=material.key, uploaded_file=File())
        run(filling.submit, case=case, user=demo.qiye, data={**FORM, "legal_rep_id": demo.MAJIANGUO})


def _queries(client, path: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured), response.json()["count"]


def test_the_queue_and_the_case_list_take_the_same_queries_for_3_and_30_cases(demo, run):
    handler, applicant = client_for(demo.handler_sj), client_for(demo.qiye)
    _queued_cases(demo, run, 3)
    few_queue, few = _queries(handler, "/api/v1/cases/queue/")
    few_list, _ = _queries(applicant, "/api/v1/cases/")
    _queued_cases(demo, run, 27)
    many_queue, many = _queries(handler, "/api/v1/cases/queue/")
    many_list, listed = _queries(applicant, "/api/v1/cases/")
    assert (few, many, listed) == (3, 30, 30)
    assert many_queue == few_queue and many_list == few_list


def test_the_queue_count_read_from_the_cases_agrees_with_the_tasks_it_lists(demo, run):
    """The count comes from the cases' partial index (one open handler task per waiting case); it must equal the
    number of tasks the queue lists — awaiting acceptance, claimed, after a supplement, for another department."""
    from workflows.models import Case
    from workflows.selectors import handler_queue, handler_queue_count
    from workflows.services import review

    _queued_cases(demo, run, 4)
    cases = list(Case.objects.filter(service_code=ENTERPRISE).order_by("pk"))
    run(review.claim, case=cases[0], user=demo.handler_sj)
    run(review.claim, case=cases[1], user=demo.handler_sj)
    run(
        review.request_supplement,
        case=Case.objects.get(pk=cases[1].pk),
        user=demo.handler_sj,
        items=[{"key": "material:1", "reason": "章程未签字"}],
    )
    for user in (demo.handler_sj, demo.handler_mz):
        for mine in (False, True):
            listed = handler_queue(user=user, mine=mine).count()
            assert handler_queue_count(user=user, mine=mine) == listed, (user, mine)
    assert handler_queue_count(user=demo.handler_sj) == 3  # the one waiting for its supplement is not queued
    assert handler_queue_count(user=demo.handler_mz) == 0
    assert handler_queue_count(user=demo.qiye) == 0
