"""保留传统服务方式: a window handler starts a case for a walk-in applicant by ID number, records the consent
given at the window with the signed paper form, continues with the same flow, and the applicant later
sees the case in their own portal."""

import pytest

from accounts.models import User
from licenses.demo import CAIRANGCUO
from tests.workflows.api import client_for, detail, post, upload_missing
from tests.workflows.conftest import File
from workflows.models import Case, CaseUpload

pytestmark = pytest.mark.django_db
ELDER = "630000-MZ-0002"  # 老年人证申领, 城东区民政局


def _window_case(demo, run, **extra):
    window = client_for(demo.handler_mz)
    body = {
        "service_code": ELDER,
        "holder_code": CAIRANGCUO,
        "real_name": "才让措",
        "answers": {"retired": False},
        **extra,
    }
    return window, run(post, client=window, path="/api/v1/cases/window/", body=body, expect=201)


def test_a_walk_in_applicant_is_served_from_start_to_archive(demo, run):
    window, case = _window_case(demo, run)
    assert case["channel"] == "window" and case["state"] == "awaiting_consent"
    refused = window.post(f"/api/v1/cases/{case['id']}/consent/", {"accept": "true"}, format="multipart")
    assert refused.status_code == 400 and refused.json()["title"] == "窗口办理须上传申请人签字的授权书扫描件"
    run(
        window.post,
        path=f"/api/v1/cases/{case['id']}/consent/",
        data={"accept": "true", "signed_form": File(name="授权书.pdf")},
        format="multipart",
    )
    assert CaseUpload.objects.filter(case_id=case["id"], material_key="window:consent-form").count() == 1
    run(upload_missing, client=window, case_id=case["id"])
    run(
        post,
        client=window,
        path=f"/api/v1/cases/{case['id']}/submit/",
        body={"data": {"phone": "13800000000"}},
    )
    stored = Case.objects.get(pk=case["id"])
    assert stored.state == "archived" and stored.issued_license.name == "老年人证"
    assert stored.window_handler == demo.handler_mz
    assert set(stored.events.exclude(actor=None).values_list("channel", flat=True)) == {"window"}
    # the applicant's own account (created at the window) sees it in their portal
    applicant = User.objects.get(holder_code=CAIRANGCUO)
    assert not applicant.has_usable_password()
    mine = client_for(applicant).get("/api/v1/cases/").json()
    assert [row["number"] for row in mine["results"]] == [stored.number]
    assert detail(client_for(applicant), case["id"])["applicant"]["code"] == CAIRANGCUO


def test_only_a_window_handler_may_start_for_someone_else(demo, run):
    response = client_for(demo.zhangsan).post(
        "/api/v1/cases/window/", {"service_code": ELDER, "holder_code": CAIRANGCUO}, format="json"
    )
    assert response.status_code == 403 and response.json()["title"] == "只有窗口审批人员可以代申请人发起办件"


def test_a_wrong_id_number_is_refused_with_the_reason(demo):
    mistyped = CAIRANGCUO[:-1] + ("1" if CAIRANGCUO[-1] != "1" else "2")  # wrong check character
    response = client_for(demo.handler_mz).post(
        "/api/v1/cases/window/",
        {"service_code": ELDER, "holder_code": mistyped, "real_name": "某", "answers": {"retired": False}},
        format="json",
    )
    assert response.status_code == 400 and response.json()["title"].startswith("证件号码无效")
    assert not User.objects.filter(holder_code=mistyped).exists()
