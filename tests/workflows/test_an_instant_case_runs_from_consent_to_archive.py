"""婚姻登记 on the instant path (秒批), through the case API: consent for exactly the auto licenses,
fetch and verify, the pre-filled form, decision at once, the 结婚证 issued into the registry (and usable
by the next case), documents titled by the item's kind, and an archive package that passes 四性检测."""

import pytest

from archives.services import check_package
from licenses.models import AccessLogEntry, LicenseVersion
from licenses.verification import verify_license
from tests.workflows.api import client_for, detail, post, start, upload_missing
from tests.workflows.conftest import MARRIAGE
from workflows.models import Case, CaseLicense, FetchState

pytestmark = pytest.mark.django_db


def _apply_for_marriage(demo, run):
    client = client_for(demo.zhangsan)
    case = run(
        start, client=client, code=MARRIAGE, answers={"previously_divorced": False, "partner_id": demo.LISI}
    )
    return client, case


def test_the_applicant_consents_to_exactly_the_licenses_the_rules_fetch(demo, run):
    client, case = _apply_for_marriage(demo, run)
    assert case["state"] == "awaiting_consent" and case["activity"] == "等待申请人授权调取电子证照"
    preview = client.get(f"/api/v1/cases/{case['id']}/consent/").json()
    assert {t["type_name"] for t in preview["types"]} == {
        "居民身份证",
        "户口簿",
    }  # 离婚证 is 免于提交 for a first marriage
    # only the face fields the form pre-fills are read (data minimisation)
    id_fields = next(t for t in preview["types"] if t["type_name"] == "居民身份证")["fields"]
    assert {f["key"] for f in id_fields} == {"name", "sex", "ethnicity", "birth_date"}


def test_consenting_fetches_and_verifies_and_prefills_the_form_read_only(demo, run):
    client, case = _apply_for_marriage(demo, run)
    reads_before = AccessLogEntry.objects.count()
    run(post, client=client, path=f"/api/v1/cases/{case['id']}/consent/", body={"accept": True})
    shown = detail(client, case["id"])
    assert shown["state"] == "filling"
    assert {row["name"]: row["fetch_state"] for row in shown["licenses"]} == {
        "居民身份证": "verified",
        "户口簿": "verified",
        "离婚证": "not_needed",
    }
    assert (
        AccessLogEntry.objects.count() - reads_before == 6
    )  # query, retrieve and verify of each license, each logged
    form = client.get(f"/api/v1/cases/{case['id']}/form/").json()
    fields = {f["key"]: f for f in form["fields"]}
    assert (
        fields["name"]["value"] == "张三"
        and fields["name"]["prefilled_from"] == "居民身份证"
        and fields["name"]["locked"]
    )
    assert (
        fields["address"]["prefilled_from"] == "户口簿" and not fields["address"]["locked"]
    )  # the item allows this edit
    assert fields["spouse_name"]["value"] is None and not fields["spouse_name"]["prefilled"]


def test_an_instant_case_is_decided_issued_and_archived_at_once(demo, run):
    client, case = _apply_for_marriage(demo, run)
    run(post, client=client, path=f"/api/v1/cases/{case['id']}/consent/", body={"accept": True})
    run(upload_missing, client=client, case_id=case["id"])
    body = {"data": {"spouse_name": "李四", "spouse_id": demo.LISI, "phone": "13800000000"}}
    run(post, client=client, path=f"/api/v1/cases/{case['id']}/submit/", body=body)
    shown = detail(client, case["id"])
    assert shown["state"] == "archived" and shown["decision"] == "approved"
    stored = Case.objects.get(pk=case["id"])
    assert stored.accepted_at == stored.decided_at  # 秒批: accepted and decided in the same moment
    marriage = stored.issued_license
    assert marriage.name == "结婚证" and marriage.license.holder_code == demo.zhangsan.holder_code
    assert marriage.face["spouse_name"] == "李四" and marriage.face["spouse_id"] == demo.LISI
    assert verify_license(identifier=marriage.identifier, holder_code=demo.zhangsan.holder_code).ok
    titles = {d["kind"]: d["title"] for d in shown["documents"]}
    assert titles["decision"] == "准予登记决定书"  # a 行政确认, not a 行政许可
    assert set(titles) == {"application_form", "decision", "license_face"}
    assert check_package(package=stored.archive_package).ok


def test_the_next_case_fetches_the_license_the_last_one_issued(demo, run):
    client, case = _apply_for_marriage(demo, run)
    run(post, client=client, path=f"/api/v1/cases/{case['id']}/consent/", body={"accept": True})
    run(upload_missing, client=client, case_id=case["id"])
    run(
        post,
        client=client,
        path=f"/api/v1/cases/{case['id']}/submit/",
        body={"data": {"spouse_name": "李四", "spouse_id": demo.LISI, "phone": "13800000000"}},
    )
    issued = Case.objects.get(pk=case["id"]).issued_license
    birth = run(start, client=client, code="630000-WJ-0001", answers={"child_order": 1})
    run(post, client=client, path=f"/api/v1/cases/{birth['id']}/consent/", body={"accept": True})
    row = CaseLicense.objects.get(case_id=birth["id"], license_type__name="结婚证")
    assert row.fetch_state == FetchState.VERIFIED and row.identifier == issued.identifier


def test_the_ruleset_says_instant_but_a_license_that_failed_sends_the_case_to_review(demo, run):
    client, case = _apply_for_marriage(demo, run)
    run(
        post, client=client, path=f"/api/v1/cases/{case['id']}/consent/", body={"accept": False}
    )  # declines: uploads instead
    run(upload_missing, client=client, case_id=case["id"])
    run(
        post,
        client=client,
        path=f"/api/v1/cases/{case['id']}/submit/",
        body={
            "data": {
                "name": "张三",
                "citizen_id": demo.zhangsan.holder_code,
                "sex": "男",
                "ethnicity": "汉族",
                "birth_date": "1990-01-01",
                "address": "西宁",
                "spouse_name": "李四",
                "spouse_id": demo.LISI,
                "phone": "13800000000",
            }
        },
    )
    assert detail(client, case["id"])["state"] == "awaiting_acceptance"
    assert LicenseVersion.objects.filter(issued_for_case__pk=case["id"]).count() == 0
