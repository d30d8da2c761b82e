"""撤回 before a decision (the flow is cancelled; a submitted case is archived as withdrawn); 好差评 once per
decided case with the five GB/T 39735 levels; a poor rating opens a rectification a supervisor closes."""

import pytest
from viewflow.workflow.status import PROCESS

from archives.services import check_package
from tests.workflows.api import client_for, detail, post, start, upload_missing
from tests.workflows.conftest import ENTERPRISE, ENTERPRISE_ANSWERS, MARRIAGE
from workflows.models import Case, Rectification
from workflows.services.rating import close_rectification

pytestmark = pytest.mark.django_db
FORM = {
    "company_name": "演示有限公司",
    "capital": "1",
    "address": "西宁",
    "scope": "销售",
    "phone": "13800000000",
    "legal_rep": "马建国",
}


def test_an_applicant_withdraws_before_consenting_and_nothing_is_archived(demo, run):
    client = client_for(demo.zhangsan)
    case = run(
        start, client=client, code=MARRIAGE, answers={"previously_divorced": False, "partner_id": demo.LISI}
    )
    run(post, client=client, path=f"/api/v1/cases/{case['id']}/withdraw/", body={"reason": "改日到窗口办理"})
    stored = Case.objects.get(pk=case["id"])
    assert (
        stored.state == "withdrawn" and stored.decision == "withdrawn" and stored.status == PROCESS.CANCELED
    )
    assert stored.archive_package_id is None
    again = client.post(f"/api/v1/cases/{case['id']}/withdraw/", {}, format="json")
    assert again.status_code == 409 and again.json()["title"] == "办件已撤回，不能撤回"


def test_a_submitted_case_withdrawn_from_the_queue_is_archived_with_its_application(demo, run):
    client = client_for(demo.qiye)
    case = run(start, client=client, code=ENTERPRISE, answers=ENTERPRISE_ANSWERS)
    run(upload_missing, client=client, case_id=case["id"])
    run(
        post,
        client=client,
        path=f"/api/v1/cases/{case['id']}/submit/",
        body={"data": {**FORM, "legal_rep_id": demo.MAJIANGUO}},
    )
    run(post, client=client, path=f"/api/v1/cases/{case['id']}/withdraw/")
    stored = Case.objects.get(pk=case["id"])
    assert stored.state == "withdrawn" and check_package(package=stored.archive_package).ok
    assert client_for(demo.handler_sj).get("/api/v1/cases/queue/").json()["count"] == 0


def _decided_case(demo, run) -> tuple:
    client = client_for(demo.qiye)
    case = run(start, client=client, code=ENTERPRISE, answers=ENTERPRISE_ANSWERS)
    run(upload_missing, client=client, case_id=case["id"])
    run(
        post,
        client=client,
        path=f"/api/v1/cases/{case['id']}/submit/",
        body={"data": {**FORM, "legal_rep_id": demo.MAJIANGUO}},
    )
    handler = client_for(demo.handler_sj)
    early = client.post(f"/api/v1/cases/{case['id']}/rating/", {"level": 5}, format="json")
    assert early.status_code == 409 and early.json()["title"] == "办件办结后才能评价"
    run(post, client=handler, path=f"/api/v1/cases/{case['id']}/claim/")
    run(post, client=handler, path=f"/api/v1/cases/{case['id']}/approve/")
    return client, case["id"]


def test_a_decided_case_is_rated_once(demo, run):
    client, case_id = _decided_case(demo, run)
    rated = run(
        post,
        client=client,
        path=f"/api/v1/cases/{case_id}/rating/",
        body={"level": 5, "comment": "很快"},
        expect=201,
    )
    assert rated == {"level": 5, "level_label": "非常满意", "rectification": False}
    twice = client.post(f"/api/v1/cases/{case_id}/rating/", {"level": 4}, format="json")
    assert twice.status_code == 409 and twice.json()["title"] == "每个办件只能评价一次"
    assert detail(client, case_id)["rating"]["level_label"] == "非常满意"


def test_a_poor_rating_needs_a_reason_and_opens_a_rectification_a_supervisor_closes(demo, run):
    client, case_id = _decided_case(demo, run)
    silent = client.post(f"/api/v1/cases/{case_id}/rating/", {"level": 1}, format="json")
    assert silent.status_code == 400 and "请写明原因" in silent.json()["title"]
    rated = run(
        post,
        client=client,
        path=f"/api/v1/cases/{case_id}/rating/",
        body={"level": 2, "comment": "等了很久"},
        expect=201,
    )
    assert rated["level_label"] == "不满意" and rated["rectification"] is True
    item = Rectification.objects.get(rating__case_id=case_id)
    assert (
        item.department == demo.handler_sj.department
        and item.state == "to_verify"
        and item.due_on is not None
    )
    with pytest.raises(Exception, match="没有处理该整改事项的权限"):
        close_rectification(rectification=item, user=demo.handler_mz, note="不是我的部门")
    closed = close_rectification(rectification=item, user=demo.auditor, note="已约谈窗口，优化审查时限")
    assert closed.state == "closed" and closed.closed_by == demo.auditor
