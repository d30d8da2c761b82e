"""Driving cases through the API for the notification tests (the same calls the case tests make)."""

from notifications.models import Contact
from tests.workflows.api import client_for, post, start, upload_missing
from tests.workflows.conftest import ENTERPRISE, ENTERPRISE_ANSWERS, MARRIAGE, MARRIAGE_ANSWERS

ENTERPRISE_FORM = {
    "legal_rep": "马建国",
    "company_name": "青海高原乳业有限公司",
    "capital": "100",
    "address": "西宁市城北区生物园区经二路6号",
    "scope": "乳制品生产、销售",
    "phone": "13800000000",
}
SUPPLEMENT = {
    "items": [
        {"key": "material:1", "reason": "章程未签字"},
        {"name": "股东会决议", "reason": "清单外材料，需补充"},
    ]
}


def reachable(user, *, email: str, phone: str) -> None:
    """Give a demo person an e-mail address and a mobile number (the demo world has neither)."""
    user.email = email
    user.save(update_fields=["email"])
    Contact.objects.update_or_create(user=user, defaults={"phone": phone})


def instant_marriage(demo, run) -> int:
    """张三's 婚姻登记 on the instant path: consent, uploads, submit — decided and archived at once."""
    client = client_for(demo.zhangsan)
    case = run(start, client=client, code=MARRIAGE, answers=MARRIAGE_ANSWERS)
    run(post, client=client, path=f"/api/v1/cases/{case['id']}/consent/", body={"accept": True})
    run(upload_missing, client=client, case_id=case["id"])
    body = {"data": {"spouse_name": "李四", "spouse_id": demo.LISI, "phone": "13800000000"}}
    run(post, client=client, path=f"/api/v1/cases/{case['id']}/submit/", body=body)
    return case["id"]


def submitted_enterprise(demo, run) -> tuple:
    """王五's 企业设立登记, submitted: it waits in 市场监管's queue."""
    applicant = client_for(demo.qiye)
    case = run(start, client=applicant, code=ENTERPRISE, answers=ENTERPRISE_ANSWERS)
    run(upload_missing, client=applicant, case_id=case["id"])
    form = {**ENTERPRISE_FORM, "legal_rep_id": demo.MAJIANGUO}
    run(post, client=applicant, path=f"/api/v1/cases/{case['id']}/submit/", body={"data": form})
    return applicant, case["id"]
