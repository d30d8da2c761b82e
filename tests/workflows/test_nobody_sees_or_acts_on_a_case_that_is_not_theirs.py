"""Applicant A cannot see or act on applicant B's case through any URL of the case API; a handler of
department X cannot see department Y's cases, in lists, the queue or by id. Every refused attempt is
answered as if the case did not exist (or forbidden, where the caller may see it) and is logged."""

import pytest

from tests.workflows.api import client_for, post, start, upload_missing
from tests.workflows.conftest import ENTERPRISE, ENTERPRISE_ANSWERS, MARRIAGE, handler_of
from workflows.models import CaseEvent, CaseUpload

pytestmark = pytest.mark.django_db

GETS = ["", "status/", "consent/", "form/", "uploads/", "documents/"]
POSTS = [
    "consent/",
    "submit/",
    "resubmit/",
    "withdraw/",
    "rating/",
    "claim/",
    "unclaim/",
    "approve/",
    "reject/",
    "request-supplement/",
    "inspection/",
]


def _zhangsans_case(demo, run) -> tuple[dict, int]:
    owner = client_for(demo.zhangsan)
    case = run(
        start, client=owner, code=MARRIAGE, answers={"previously_divorced": False, "partner_id": demo.LISI}
    )
    run(post, client=owner, path=f"/api/v1/cases/{case['id']}/consent/", body={"accept": True})
    run(upload_missing, client=owner, case_id=case["id"])
    upload = CaseUpload.objects.filter(case_id=case["id"]).first()
    return case, upload.pk


def test_another_applicant_gets_not_found_at_every_url_and_each_attempt_is_logged(demo, run):
    case, upload_id = _zhangsans_case(demo, run)
    other = client_for(demo.lisi)
    base = f"/api/v1/cases/{case['id']}/"
    answers = [other.get(base + path) for path in GETS]
    answers += [other.get(f"{base}uploads/{upload_id}/file"), other.delete(f"{base}uploads/{upload_id}/")]
    answers += [other.post(base + path, {}, format="json") for path in POSTS]
    answers.append(other.put(base + "form/", {"data": {"phone": "1"}}, format="json"))
    assert {response.status_code for response in answers} == {404}
    assert all(response.json()["title"] == "未找到该办件" for response in answers)
    refused = CaseEvent.objects.filter(case_id=case["id"], refused=True, actor=demo.lisi)
    assert refused.count() == len(answers)
    assert other.get("/api/v1/cases/").json()["count"] == 0  # and it is not in her list


def test_a_handler_of_another_department_cannot_see_the_case_anywhere(demo, run):
    applicant = client_for(demo.qiye)
    case = run(start, client=applicant, code=ENTERPRISE, answers=ENTERPRISE_ANSWERS)  # 市场监管's case
    run(upload_missing, client=applicant, case_id=case["id"])
    minzheng = client_for(demo.handler_mz)  # 城东区民政局
    assert minzheng.get(f"/api/v1/cases/{case['id']}/").status_code == 404
    assert minzheng.post(f"/api/v1/cases/{case['id']}/claim/", {}, format="json").status_code == 404
    assert case["id"] not in [row["id"] for row in minzheng.get("/api/v1/cases/").json()["results"]]
    assert case["id"] not in [
        row["case"]["id"] for row in minzheng.get("/api/v1/cases/queue/").json()["results"]
    ]
    assert CaseEvent.objects.filter(case_id=case["id"], refused=True, actor=demo.handler_mz).count() == 2


def test_the_owning_department_sees_it_and_an_applicant_cannot_act_as_a_handler(demo, run):
    applicant = client_for(demo.qiye)
    case = run(start, client=applicant, code=ENTERPRISE, answers=ENTERPRISE_ANSWERS)
    assert client_for(demo.handler_sj).get(f"/api/v1/cases/{case['id']}/").status_code == 200
    own = applicant.post(f"/api/v1/cases/{case['id']}/approve/", {}, format="json")
    assert own.status_code == 403 and own.json()["title"] == "只有本部门的审批人员可以处理该办件"
    assert applicant.get("/api/v1/cases/queue/").status_code == 403


def test_viewflow_would_never_offer_another_departments_task(demo, run):
    from viewflow.workflow.models import Task

    applicant = client_for(demo.qiye)
    case = run(start, client=applicant, code=ENTERPRISE, answers=ENTERPRISE_ANSWERS)
    run(upload_missing, client=applicant, case_id=case["id"])
    run(
        post,
        client=applicant,
        path=f"/api/v1/cases/{case['id']}/submit/",
        body={
            "data": {
                "company_name": "演示有限公司",
                "capital": "1",
                "address": "西宁",
                "scope": "销售",
                "phone": "13800000000",
                "legal_rep": "马建国",
                "legal_rep_id": demo.MAJIANGUO,
            }
        },
    )
    task = Task.objects.get(process_id=case["id"], flow_task_type="HUMAN")
    node = task.flow_task
    assert node.can_assign(demo.handler_sj, task) and not node.can_assign(demo.handler_mz, task)
    assert not node.can_assign(demo.qiye, task)
    assert (
        Task.objects.user_queue(demo.handler_mz).filter(pk=task.pk).count() == 0
    )  # viewflow's own queue query
    assert (
        Task.objects.user_queue(handler_of(demo.handler_sj.department, "sj2")).filter(pk=task.pk).count() == 1
    )
