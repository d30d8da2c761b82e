"""handler_mz (城东区民政局) never meets handler_sj's (市场监管) cases anywhere in the workbench: not in the queue,
its filters or its counts, not on the case page (404), and every action on it answers 404 and is logged."""

import pytest
from django.test import Client

from tests.workbench.cases import elder_case, enterprise_case
from workflows.models import CaseEvent, CaseState

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def both(demo, run):
    return enterprise_case(demo, run), elder_case(demo, run)


def test_the_queue_its_filters_and_its_counts_show_only_the_handlers_department(demo, both):
    sj_case, mz_case = both
    assert sj_case.state == mz_case.state == CaseState.AWAITING_ACCEPTANCE
    page = _client(demo.handler_mz).get("/workbench/").content.decode()
    assert mz_case.number in page
    assert sj_case.number not in page
    assert "企业设立登记" not in page  # neither a row nor a service-item filter option
    assert 'data-count="queue">1<' in page

    other = _client(demo.handler_sj).get("/workbench/").content.decode()
    assert sj_case.number in other and mz_case.number not in other
    assert "老年人证申领" not in other


def test_filtering_by_the_other_departments_service_item_finds_nothing(demo, both):
    sj_case, _mz_case = both
    page = _client(demo.handler_mz).get("/workbench/", {"service": sj_case.service_code}).content.decode()
    assert sj_case.number not in page
    assert "共 0 件" in page


def test_the_other_departments_case_page_is_404_and_the_attempt_is_logged(demo, both):
    sj_case, _ = both
    response = _client(demo.handler_mz).get(f"/workbench/cases/{sj_case.pk}/")
    assert response.status_code == 404
    assert sj_case.number not in response.content.decode()
    assert CaseEvent.objects.filter(case=sj_case, refused=True, actor=demo.handler_mz).exists()


@pytest.mark.parametrize("action", ["claim", "unclaim", "approve", "reject", "supplement", "inspection"])
def test_every_action_on_the_other_departments_case_is_refused(demo, both, action):
    sj_case, _ = both
    client = _client(demo.handler_mz)
    response = client.post(
        f"/workbench/cases/{sj_case.pk}/{action}/",
        {"note": "x", "reasons": "x", "item": "material:1", "reason:material:1": "x", "passed": "1"},
    )
    assert response.status_code == 404
    sj_case.refresh_from_db()
    assert sj_case.state == CaseState.AWAITING_ACCEPTANCE and sj_case.reviewer_id is None


def test_bulk_claim_claims_the_own_departments_case_and_not_the_other(demo, both):
    sj_case, mz_case = both
    response = _client(demo.handler_mz).post(
        "/workbench/claim/", {"case": [sj_case.pk, mz_case.pk]}, follow=True
    )
    page = response.content.decode()
    sj_case.refresh_from_db()
    mz_case.refresh_from_db()
    assert mz_case.state == CaseState.IN_REVIEW and mz_case.reviewer == demo.handler_mz
    assert sj_case.state == CaseState.AWAITING_ACCEPTANCE and sj_case.reviewer_id is None
    assert sj_case.number not in page  # the refusal does not tell the number either
    assert "已认领 1 件" in page


def test_the_other_departments_window_pages_and_uploads_are_closed(demo, both):
    sj_case, _ = both
    client = _client(demo.handler_mz)
    assert client.get(f"/workbench/window/cases/{sj_case.pk}/").status_code == 404
    assert client.get(f"/workbench/window/{sj_case.service_code}/").status_code == 404
    upload = sj_case.uploads.first()
    assert client.get(f"/api/v1/cases/{sj_case.pk}/uploads/{upload.pk}/file").status_code == 404


def test_an_applicant_is_not_let_into_the_workbench(demo, both):
    assert _client(demo.qiye).get("/workbench/").status_code == 403
    assert _client(demo.qiye).get(f"/workbench/cases/{both[0].pk}/").status_code == 403


def test_a_number_beyond_any_case_is_404_not_a_server_error(demo):
    client = _client(demo.handler_mz)
    huge = 2**70
    assert client.get(f"/workbench/cases/{huge}/").status_code == 404
    assert client.post(f"/workbench/cases/{huge}/claim/").status_code == 404
    assert client.get(f"/workbench/window/cases/{huge}/").status_code == 404
    assert client.post("/workbench/claim/", {"case": [str(huge)]}).status_code == 302
