"""企业设立登记 on the review path: the department's queue, claim as acceptance (受理, the clock starts),
one supplement notice listing everything missing (the clock stops), the resubmission back to the same
handler, approval with the 营业执照 issued at once, and a rejection that must give its reasons."""

from datetime import date

import pytest
import time_machine

from archives.services import check_package
from forms.models import IssuedDocument
from tests.workflows.api import client_for, detail, post, start, upload_missing
from tests.workflows.conftest import ENTERPRISE, ENTERPRISE_ANSWERS
from workflows.models import Case, CaseDocument, CaseEvent

pytestmark = pytest.mark.django_db
FORM = {
    "legal_rep": "马建国",
    "legal_rep_id": "630104198503121514",
    "company_name": "青海高原乳业有限公司",
    "capital": "100",
    "address": "西宁市城北区生物园区经二路6号",
    "scope": "乳制品生产、销售",
    "phone": "13800000000",
}


def _submitted(demo, run):
    applicant = client_for(demo.qiye)
    case = run(start, client=applicant, code=ENTERPRISE, answers=ENTERPRISE_ANSWERS)
    run(upload_missing, client=applicant, case_id=case["id"])
    form = {**FORM, "legal_rep_id": demo.MAJIANGUO}
    run(post, client=applicant, path=f"/api/v1/cases/{case['id']}/submit/", body={"data": form})
    return applicant, case["id"]


def test_a_submitted_case_waits_in_its_departments_queue_with_the_reason_it_was_not_instant(demo, run):
    _applicant, case_id = _submitted(demo, run)
    handler = client_for(demo.handler_sj)
    queue = handler.get("/api/v1/cases/queue/").json()
    assert [row["case"]["id"] for row in queue["results"]] == [case_id]
    shown = detail(handler, case_id)
    assert shown["state"] == "awaiting_acceptance"
    assert shown["applicant"]["code"].count("*") == 8  # masked for the handler
    reasons = [e["note"] for e in shown["events"] if e["action"] == "instant_declined"]
    assert reasons == [
        "转人工审查：居民身份证未能自动核验"
    ]  # a 法定代表人's ID card cannot be fetched in the enterprise's name


@time_machine.travel(date(2026, 3, 2), tick=True)  # a Monday
def test_claiming_accepts_the_case_and_the_supplement_stops_the_clock(demo, run):
    applicant, case_id = _submitted(demo, run)
    handler = client_for(demo.handler_sj)
    shown = run(post, client=handler, path=f"/api/v1/cases/{case_id}/claim/")
    assert (
        shown["state"] == "in_review" and shown["due_on"] == "2026-03-03"
    )  # 承诺时限 1 working day after 受理
    assert shown["statutory_due_on"] == "2026-03-23"  # 法定时限 15 working days
    items = {
        "items": [
            {"key": "material:1", "reason": "章程未签字"},
            {"name": "股东会决议", "reason": "清单外材料，需补充"},
        ]
    }
    run(post, client=handler, path=f"/api/v1/cases/{case_id}/request-supplement/", body=items)
    waiting = detail(applicant, case_id)
    assert waiting["state"] == "supplement"
    assert [i["name"] for i in waiting["awaited"]["supplement_items"]] == [
        "公司章程",
        "股东会决议",
    ]  # 一次性告知: all at once
    assert {m["name"] for m in waiting["awaited"]["missing_uploads"]} == {"公司章程", "股东会决议"}
    refused = applicant.post(f"/api/v1/cases/{case_id}/resubmit/", {}, format="json")
    assert refused.status_code == 400 and "公司章程" in refused.json()["title"]
    with time_machine.travel(date(2026, 3, 5), tick=True):  # three working days later
        run(upload_missing, client=applicant, case_id=case_id)
        run(post, client=applicant, path=f"/api/v1/cases/{case_id}/resubmit/")
        back = detail(handler, case_id)
    assert back["state"] == "in_review" and back["reviewer"] == demo.handler_sj.real_name  # the same handler
    assert back["due_on"] == "2026-03-06"  # moved by the 3 working days spent waiting
    notice = CaseDocument.objects.get(case_id=case_id, kind="supplement_notice", round=1).document
    assert notice.title == "补正材料一次性告知书"


def test_approval_issues_the_business_licence_and_archives_the_case(demo, run):
    _applicant, case_id = _submitted(demo, run)
    handler = client_for(demo.handler_sj)
    run(post, client=handler, path=f"/api/v1/cases/{case_id}/claim/")
    run(
        post,
        client=handler,
        path=f"/api/v1/cases/{case_id}/approve/",
        body={"note": "材料齐全，符合法定条件"},
    )
    case = Case.objects.get(pk=case_id)
    assert case.state == "archived" and case.issued_license.name == "营业执照"
    assert (
        case.issued_license.face["capital"] == "100"
        and case.issued_license.face["entity_type"] == "有限责任公司"
    )
    kinds = set(case.documents.values_list("kind", flat=True))
    assert kinds == {"application_form", "acceptance_notice", "decision", "license_face"}
    assert case.documents.get(kind="decision").document.title == "准予行政许可决定书"
    assert check_package(package=case.archive_package).ok


def test_a_rejection_needs_its_reasons_and_is_archived_with_them(demo, run):
    _applicant, case_id = _submitted(demo, run)
    handler = client_for(demo.handler_sj)
    run(post, client=handler, path=f"/api/v1/cases/{case_id}/claim/")
    empty = handler.post(f"/api/v1/cases/{case_id}/reject/", {"reasons": "  "}, format="json")
    assert empty.status_code == 400 and empty.json()["title"] == "不予办理须写明理由"
    assert empty["Content-Type"] == "application/problem+json"
    run(
        post,
        client=handler,
        path=f"/api/v1/cases/{case_id}/reject/",
        body={"reasons": "拟设立企业名称与已登记企业重名"},
    )
    case = Case.objects.get(pk=case_id)
    assert case.state == "archived" and case.decision == "rejected" and case.issued_license_id is None
    decision = case.documents.get(kind="decision").document
    assert decision.title == "不予行政许可决定书"
    assert IssuedDocument.objects.filter(reference=case.number).count() == 3  # 申请表, 受理通知书, 决定书
    assert check_package(package=case.archive_package).ok


def test_only_the_handler_who_claimed_may_decide(demo, run):
    from tests.workflows.conftest import handler_of

    _applicant, case_id = _submitted(demo, run)
    colleague = client_for(handler_of(demo.handler_sj.department, "colleague"))
    run(post, client=client_for(demo.handler_sj), path=f"/api/v1/cases/{case_id}/claim/")
    taken = colleague.post(f"/api/v1/cases/{case_id}/claim/", {}, format="json")
    assert taken.status_code == 409 and taken.json()["title"] == f"该办件已由{demo.handler_sj.real_name}认领"
    refused = colleague.post(f"/api/v1/cases/{case_id}/approve/", {}, format="json")
    assert refused.status_code == 403 and refused.json()["title"] == "请先认领该办件，再作出处理"
    logged = CaseEvent.objects.filter(case_id=case_id, refused=True).values_list("action", flat=True)
    assert sorted(logged) == ["refused:approve:case-forbidden", "refused:claim:task-taken"]


@time_machine.travel(date(2026, 3, 2), tick=True)
def test_overdue_and_due_soon_are_queryable_and_a_supplement_takes_the_case_off_the_clock(demo, run):
    applicant, case_id = _submitted(demo, run)
    run(post, client=client_for(demo.handler_sj), path=f"/api/v1/cases/{case_id}/claim/")  # due 2026-03-03
    assert list(Case.objects.due_soon(on=date(2026, 3, 3)).values_list("pk", flat=True)) == [case_id]
    assert not Case.objects.overdue(on=date(2026, 3, 3)).exists()  # the due day itself is still in time
    assert list(Case.objects.overdue(on=date(2026, 3, 4)).values_list("pk", flat=True)) == [case_id]
    run(
        post,
        client=client_for(demo.handler_sj),
        path=f"/api/v1/cases/{case_id}/request-supplement/",
        body={"items": [{"key": "material:1", "reason": "章程未签字"}]},
    )
    assert not Case.objects.overdue(
        on=date(2026, 3, 9)
    ).exists()  # waiting for the applicant: the clock stops
