"""End to end, on any database: cases run through the real flow (an instant 婚姻登记 and a rejected 企业设立登记)
appear in the auditor's statistics with the facts the engine recorded; the page reads in English too."""

import pytest
from django.utils import timezone

from tests.workflows.api import client_for, post, start, upload_missing
from tests.workflows.conftest import ENTERPRISE, ENTERPRISE_ANSWERS, MARRIAGE
from workflows.models import Case, FetchState

pytestmark = pytest.mark.django_db


def _instant_marriage(demo, run):
    client = client_for(demo.zhangsan)
    case = run(
        start, client=client, code=MARRIAGE, answers={"previously_divorced": False, "partner_id": demo.LISI}
    )
    run(post, client=client, path=f"/api/v1/cases/{case['id']}/consent/", body={"accept": True})
    run(upload_missing, client=client, case_id=case["id"])
    body = {"data": {"spouse_name": "李四", "spouse_id": demo.LISI, "phone": "13800000000"}}
    run(post, client=client, path=f"/api/v1/cases/{case['id']}/submit/", body=body)


def _rejected_enterprise(demo, run):
    applicant = client_for(demo.qiye)
    case = run(start, client=applicant, code=ENTERPRISE, answers=ENTERPRISE_ANSWERS)
    run(upload_missing, client=applicant, case_id=case["id"])
    form = {
        "legal_rep": "马建国",
        "legal_rep_id": demo.MAJIANGUO,
        "company_name": "青海高原乳业有限公司",
        "capital": "100",
        "address": "西宁市城北区",
        "scope": "乳制品生产、销售",
        "phone": "13800000000",
    }
    run(post, client=applicant, path=f"/api/v1/cases/{case['id']}/submit/", body={"data": form})
    handler = client_for(demo.handler_sj)
    run(post, client=handler, path=f"/api/v1/cases/{case['id']}/claim/")
    run(
        post,
        client=handler,
        path=f"/api/v1/cases/{case['id']}/reject/",
        body={"reasons": "经营范围不符合规定"},
    )


def test_the_auditor_sees_the_engines_cases_in_the_figures(demo, run, client):
    _instant_marriage(demo, run)
    _rejected_enterprise(demo, run)
    today = timezone.localdate().isoformat()
    client.force_login(demo.auditor)
    page = client.get(f"/supervision/?from={today}&to={today}")
    assert page.status_code == 200
    total = page.context["stats"].total
    ours = Case.objects.filter(opened_at__date__gte=timezone.localdate())
    assert total.cases == ours.count() >= 2
    fetched = sum(c.licenses.filter(fetch_state=FetchState.VERIFIED).count() for c in ours)
    assert total.fetched == fetched > 0
    assert total.instant == ours.filter(decision="approved", decided_by__isnull=True).count() >= 1
    assert total.decided == ours.filter(decision__in=["approved", "rejected"]).count() >= 2
    assert total.median_days is not None  # percentiles on SQLite too (read off the histogram)
    assert total.uploaded > 0 and total.certificate_free < total.cases


def test_the_page_reads_in_english(demo, client):
    client.force_login(demo.auditor)
    client.cookies["django_language"] = "en"
    html = client.get("/supervision/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Per service item, department and month" in html and "Download Excel" in html
