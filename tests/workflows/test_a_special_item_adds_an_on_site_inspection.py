"""不动产登记 runs the generic steps with one more: an on-site inspection (现场核查) before review, done by
the department's staff; the reviewer reads its result. The flow is code (workflows.flows.RealtyCaseFlow)."""

import pytest

from catalogs import demo as catalog_demo
from tests.workflows.api import client_for, detail, post, start, upload_missing
from tests.workflows.conftest import handler_of
from workflows.models import Case

pytestmark = pytest.mark.django_db
REALTY = "630000-ZR-0001"


def test_the_inspection_comes_before_review_and_its_result_reaches_the_reviewer(demo, run):
    applicant = client_for(demo.zhangsan)
    case = run(start, client=applicant, code=REALTY, answers={"registration_kind": "首次登记"})
    run(post, client=applicant, path=f"/api/v1/cases/{case['id']}/consent/", body={"accept": True})
    run(upload_missing, client=applicant, case_id=case["id"])
    run(
        post,
        client=applicant,
        path=f"/api/v1/cases/{case['id']}/submit/",
        body={
            "data": {
                "location": "西宁市城东区八一中路12号2单元101室",
                "unit_number": "630102001001GB00001F00010101",
                "area": "88.5",
                "right_type": "国有建设用地使用权/房屋所有权",
                "phone": "13800000000",
            }
        },
    )
    inspector = client_for(handler_of(catalog_demo.department("ZR"), "inspector"))
    queued = inspector.get("/api/v1/cases/queue/").json()["results"]
    assert [(row["case"]["id"], row["node"]) for row in queued] == [(case["id"], "inspection")]
    approve_first = inspector.post(f"/api/v1/cases/{case['id']}/approve/", {}, format="json")
    assert approve_first.status_code == 409  # no review yet: the inspection comes first
    run(post, client=inspector, path=f"/api/v1/cases/{case['id']}/claim/")
    run(
        post,
        client=inspector,
        path=f"/api/v1/cases/{case['id']}/inspection/",
        body={"passed": True, "note": "坐落、面积与申请一致"},
    )
    shown = detail(inspector, case["id"])
    assert shown["inspection"]["passed"] is True and shown["inspection"]["note"] == "坐落、面积与申请一致"
    run(post, client=inspector, path=f"/api/v1/cases/{case['id']}/claim/")
    run(post, client=inspector, path=f"/api/v1/cases/{case['id']}/approve/")
    stored = Case.objects.get(pk=case["id"])
    assert stored.state == "archived" and stored.issued_license.name == "不动产权证书"
    assert stored.issued_license.face["area"] == "88.5"
    assert stored.flow_class.__name__ == "RealtyCaseFlow"
