"""The case engine writes the facts the supervision statistics aggregate (workflows.services.facts): licenses
fetched, materials uploaded, form fields prefilled and typed, working days to the decision, the rating."""

import pytest

from catalogs.workdays import working_days_between
from tests.workflows.api import client_for, post, start, upload_missing
from tests.workflows.conftest import ENTERPRISE, ENTERPRISE_ANSWERS, MARRIAGE
from workflows.models import Case, FetchState
from workflows.services import rating

pytestmark = pytest.mark.django_db


def _expected_materials(case: Case) -> tuple[int, int, int, int]:
    verified = case.licenses.filter(fetch_state=FetchState.VERIFIED).count()
    uploaded = len(set(case.uploads.filter(removed_at__isnull=True).values_list("material_key", flat=True)))
    form = case.filled_form
    return verified, uploaded, form.prefilled_count, form.field_count - form.prefilled_count


def test_an_instant_case_counts_its_fetched_licenses_prefilled_fields_and_zero_days(demo, run):
    client = client_for(demo.zhangsan)
    case = run(
        start, client=client, code=MARRIAGE, answers={"previously_divorced": False, "partner_id": demo.LISI}
    )
    run(post, client=client, path=f"/api/v1/cases/{case['id']}/consent/", body={"accept": True})
    run(upload_missing, client=client, case_id=case["id"])
    body = {"data": {"spouse_name": "李四", "spouse_id": demo.LISI, "phone": "13800000000"}}
    run(post, client=client, path=f"/api/v1/cases/{case['id']}/submit/", body=body)
    stored = Case.objects.get(pk=case["id"])
    assert stored.decided_by is None and stored.decision == "approved"  # 秒批
    fetched, uploaded, prefilled, typed = _expected_materials(stored)
    assert fetched == 2 and prefilled > 0  # 居民身份证 and 户口簿 fetched, the form pre-filled from them
    assert (stored.materials_fetched, stored.materials_uploaded) == (fetched, uploaded)
    assert (stored.fields_prefilled, stored.fields_typed) == (prefilled, typed)
    assert stored.decision_workdays == 0 and stored.deadline_flag == ""

    poor = rating.rate_case(case=stored, user=demo.zhangsan, level=2, comment="窗口排队太久")
    rated = Case.objects.get(pk=case["id"])
    assert rated.rating_level == 2 and rated.rectification_open
    assert rated.rectification_due_on == poor.rectification.due_on
    rating.close_rectification(rectification=poor.rectification, user=demo.handler_mz, note="已改进叫号流程")
    assert not Case.objects.get(pk=case["id"]).rectification_open


def test_a_reviewed_case_counts_the_working_days_from_acceptance_to_decision(demo, run):
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
    submitted = Case.objects.get(pk=case["id"])
    assert submitted.materials_uploaded == len(
        set(submitted.uploads.filter(removed_at__isnull=True).values_list("material_key", flat=True))
    )
    assert submitted.materials_uploaded > 0  # this item asks for uploads: not certificate-free
    handler = client_for(demo.handler_sj)
    run(post, client=handler, path=f"/api/v1/cases/{case['id']}/claim/")
    run(
        post,
        client=handler,
        path=f"/api/v1/cases/{case['id']}/reject/",
        body={"reasons": "经营范围不符合规定"},
    )
    decided = Case.objects.get(pk=case["id"])
    from django.utils import timezone

    expected = (
        working_days_between(timezone.localdate(decided.accepted_at), timezone.localdate(decided.decided_at))
        - decided.suspended_days
    )
    assert decided.decision == "rejected" and decided.decision_workdays == max(expected, 0)
    assert decided.opened_month == timezone.localtime(decided.opened_at).date().replace(day=1)
