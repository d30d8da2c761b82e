"""Cases driven through the case API on PostgreSQL, every background step (fetch & verify, outcome,
archive) done by a real Celery worker that receives it through Redis (issue 9, Acceptance).

Each scenario starts as its applicant would (or as a window handler does for a walk-in applicant), waits on
the case's status — never on a fixed sleep — and ends with an archive package that passes 四性检测."""

from collections import Counter

import pytest
from django.contrib.auth.models import Group
from viewflow.workflow.models import Task

from accounts.models import User
from accounts.roles import HANDLER
from archives.models import ArchivePackage
from catalogs import demo as catalog_demo
from forms.models import IssuedDocument
from licenses import demo as license_demo
from licenses.models import ELicense, LicenseStatus, LicenseVersion
from licenses.selectors import license_index_for_holder
from licenses.services import revoke_license
from tests.concurrency import run_at_once
from workflows.demo_runner import applicant_user
from workflows.flows import CaseFlow
from workflows.models import Case, CaseDocument, CaseEvent, CaseLicense, CaseUpload
from workflows.selectors import active_task
from workflows.tasks import run_step

from .driving import CASES, Actor, archived_case, pdf, wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

MARRIAGE_ITEM, BIRTH_ITEM, ENTERPRISE_ITEM = "630000-MZ-0001", "630000-WJ-0001", "630000-SJ-0001"
ELDER_ITEM, EMPLOYMENT_ITEM = "630000-MZ-0002", "630000-RS-0003"


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _actor(e2e, user) -> Actor:
    return Actor(user, worker=e2e.worker)


def _type_code(key: str) -> str:
    return catalog_demo.license_type(key).code


def _handler(username: str, real_name: str, department_key: str) -> User:
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={
            "real_name": real_name,
            "department": catalog_demo.department(department_key),
            "is_staff": True,
        },
    )
    user.groups.set([Group.objects.get(name=HANDLER)])
    return User.objects.get(pk=user.pk)


def _document_titles(detail: dict) -> dict[str, str]:
    return {d["kind"]: d["title"] for d in detail["documents"]}


def _consent_and_fill(actor: Actor, pk: int) -> dict:
    actor.consent(pk, accept=True)
    return actor.wait_for(pk, "filling")


def test_marriage_on_the_instant_path_issues_a_marriage_certificate_that_the_next_case_fetches(e2e):
    zhangsan = _actor(e2e, _user("zhangsan"))
    case = zhangsan.apply(MARRIAGE_ITEM, {"previously_divorced": False, "partner_id": license_demo.LISI})
    pk = case["id"]
    assert case["state"] == "awaiting_consent" and case["route"] == "instant"
    status = _consent_and_fill(zhangsan, pk)
    assert {row["name"]: row["fetch_state"] for row in status["licenses"]}["居民身份证"] == "verified"
    assert zhangsan.upload_missing(pk) == [
        "material:3"
    ]  # only the joint photo; ID card and 户口簿 were fetched
    zhangsan.submit(pk, {"spouse_name": "李四", "spouse_id": license_demo.LISI, "phone": "13800000001"})
    zhangsan.wait_for(pk, "archived")

    married = archived_case(pk)
    assert married.decision == "approved" and married.decided_by_id is None  # 秒批: the system decided
    certificate = married.issued_license
    assert certificate is not None and certificate.license.license_type.code == _type_code("MARRIAGE")
    assert (
        certificate.license.holder_code == license_demo.ZHANGSAN
        and certificate.license.status == LicenseStatus.VALID
    )
    assert certificate.face["spouse_id"] == license_demo.LISI and certificate.face["spouse_name"] == "李四"
    # in the registry: the rules see it for the next case
    held = {
        (row["type_code"], row["identifier"], row["status"])
        for row in license_index_for_holder(license_demo.ZHANGSAN)
    }
    assert (_type_code("MARRIAGE"), certificate.identifier, "valid") in held
    titles = _document_titles(zhangsan.detail(pk))
    assert "decision" in titles and "license_face" in titles
    assert "行政许可" not in titles["decision"]  # 婚姻登记 is a 行政确认

    # the next case: 生育登记 fetches and verifies the 结婚证 just issued
    birth = zhangsan.apply(BIRTH_ITEM, {"child_order": 1})
    status = _consent_and_fill(zhangsan, birth["id"])
    assert zhangsan.license_row(birth["id"], "结婚证")["fetch_state"] == "verified", status
    row = CaseLicense.objects.get(case_id=birth["id"], license_type__code=_type_code("MARRIAGE"))
    assert row.verified and row.identifier == certificate.identifier
    assert row.report["identifier"] == certificate.identifier and row.report["result"] == "valid", row.report
    zhangsan.upload_missing(birth["id"])
    zhangsan.submit(birth["id"])
    zhangsan.wait_for(birth["id"], "archived")
    archived_case(birth["id"])


def test_enterprise_registration_on_the_review_path_is_approved_by_a_handler_and_issues_a_business_licence(
    e2e,
):
    qiye, handler = _actor(e2e, _user("qiye")), _actor(e2e, _user("handler_sj"))
    case = qiye.apply(ENTERPRISE_ITEM, {"registered_capital": "5000", "entity_type": "股份有限公司"})
    pk = case["id"]
    assert case["route"] == "review"
    qiye.wait_for(pk, "filling")  # nothing to fetch under the enterprise's name: no consent asked
    assert set(qiye.upload_missing(pk)) == {f"license:{_type_code('ID')}", "material:1", "material:2"}
    qiye.submit(
        pk,
        {
            "legal_rep": "马建国",
            "legal_rep_id": license_demo.MAJIANGUO,
            "company_name": "青海高原牧场股份有限公司",
            "capital": "5000",
            "address": "青海省西宁市城北区生物园区经二路8号",
            "scope": "乳制品生产、销售",
        },
    )
    qiye.wait_for(pk, "awaiting_acceptance")
    queue = handler.get(f"{CASES}queue/")
    assert pk in [row["case"]["id"] for row in queue["results"]]
    claimed = handler.post(f"{CASES}{pk}/claim/")
    assert claimed["state"] == "in_review" and claimed["reviewer"] == "李审批"
    handler.post(f"{CASES}{pk}/approve/", {"note": ""})
    qiye.wait_for(pk, "archived")

    case = archived_case(pk)
    assert case.decision == "approved" and case.decided_by.username == "handler_sj"
    licence = case.issued_license
    assert licence is not None and licence.license.license_type.code == _type_code("BIZ")
    assert licence.license.holder_code == license_demo.QIYE and licence.license.status == LicenseStatus.VALID
    titles = _document_titles(qiye.detail(pk))
    assert "准予行政许可决定书" in titles["decision"], titles  # 企业设立登记 is a 行政许可
    assert "acceptance_notice" in titles


def test_a_supplement_notice_returns_the_resubmitted_case_to_the_same_handler(e2e):
    lisi, handler = _actor(e2e, _user("lisi")), _actor(e2e, _user("handler_mz"))
    pk = lisi.apply(ELDER_ITEM, {"retired": False})["id"]  # under 60: the rules send it to review
    _consent_and_fill(lisi, pk)
    assert lisi.upload_missing(pk) == ["material:2"]
    lisi.submit(pk)
    lisi.wait_for(pk, "awaiting_acceptance")
    handler.post(f"{CASES}{pk}/claim/")
    asked = handler.post(
        f"{CASES}{pk}/request-supplement/",
        {"items": [{"key": "material:2", "reason": "照片背景不是白色，请重新上传近期免冠照片"}]},
    )
    assert asked["state"] == "supplement"

    status = lisi.status(pk)
    assert status["state"] == "supplement" and status["awaited"]["from_applicant"] is True
    assert [item["key"] for item in status["awaited"]["supplement_items"]] == ["material:2"]
    assert [m["key"] for m in status["awaited"]["missing_uploads"]] == ["material:2"]
    lisi.post(f"{CASES}{pk}/resubmit/", expect=400)  # nothing uploaded yet: refused, nothing lost
    lisi.upload(pk, "material:2", name="免冠照片（白底）.pdf")
    back = lisi.post(f"{CASES}{pk}/resubmit/")
    assert back["state"] == "in_review", back["state"]

    case = Case.objects.get(pk=pk)
    task = active_task(case=case, node="review")
    assert task is not None and task.owner_id == _user("handler_mz").pk and task.status == "ASSIGNED"
    mine = handler.get(f"{CASES}queue/", mine="1")
    assert pk in [row["case"]["id"] for row in mine["results"]]
    assert CaseUpload.objects.filter(case_id=pk, material_key="material:2", round=1).count() == 1
    handler.post(f"{CASES}{pk}/approve/", {"note": "补正后材料齐全"})
    lisi.wait_for(pk, "archived")
    case = archived_case(pk)
    assert case.reviewer.username == "handler_mz" and case.decided_by.username == "handler_mz"
    assert case.events.filter(action="returned_to_reviewer").count() == 1


def test_a_rejection_needs_reasons_and_is_archived_with_them(e2e):
    zhangsan, handler = _actor(e2e, _user("zhangsan")), _actor(e2e, _user("handler_mz"))
    pk = zhangsan.apply(ELDER_ITEM, {"retired": False})["id"]
    _consent_and_fill(zhangsan, pk)
    zhangsan.upload_missing(pk)
    zhangsan.submit(pk)
    zhangsan.wait_for(pk, "awaiting_acceptance")
    handler.post(f"{CASES}{pk}/claim/")

    response = handler.client.post(f"{CASES}{pk}/reject/", {"reasons": "  "}, format="json")
    assert response.status_code == 400 and response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == 400 and "理由" in problem["title"]
    assert [p["name"] for p in problem["invalid-params"]] == ["reasons"]
    assert zhangsan.status(pk)["state"] == "in_review"  # nothing changed

    reasons = "申请人未满60周岁，不符合老年人证申领条件"
    handler.post(f"{CASES}{pk}/reject/", {"reasons": reasons})
    zhangsan.wait_for(pk, "archived")
    case = archived_case(pk)
    assert case.decision == "rejected" and case.decision_reasons == reasons and case.issued_license_id is None
    detail = zhangsan.detail(pk)
    assert detail["decision_reasons"] == reasons
    assert "不予" in _document_titles(detail)["decision"]


def test_the_window_channel_starts_a_walk_in_case_that_the_applicant_later_sees_online(e2e):
    handler = _actor(e2e, _user("handler_mz"))
    started = handler.post(
        f"{CASES}window/",
        {
            "service_code": ELDER_ITEM,
            "holder_code": license_demo.CAIRANGCUO,
            "real_name": "才让措",
            "answers": {"retired": False},
        },
        expect=201,
    )
    pk = started["id"]
    assert started["channel"] == "window" and started["state"] == "awaiting_consent"
    # at the window the signed paper consent is required
    response = handler.client.post(f"{CASES}{pk}/consent/", {"accept": "true"}, format="multipart")
    assert response.status_code == 400 and "授权书" in response.json()["title"], response.content.decode()
    handler.consent(pk, accept=True, signed_form=pdf("用证授权书（才让措签字）.pdf"))
    handler.wait_for(pk, "filling")
    assert handler.upload_missing(pk) == ["material:2"]
    handler.submit(pk, {"phone": "13900000002"})
    handler.wait_for(pk, "archived")

    case = archived_case(pk)
    assert case.window_handler.username == "handler_mz" and case.holder_code == license_demo.CAIRANGCUO
    assert case.uploads.filter(material_key="window:consent-form").count() == 1
    channels = dict(
        case.events.filter(action__in=["created", "consent_given", "submitted"]).values_list(
            "action", "channel"
        )
    )
    assert channels == {"created": "window", "consent_given": "window", "submitted": "window"}
    # the applicant's own account (made at the window by holder code) sees the case
    applicant = User.objects.get(holder_code=license_demo.CAIRANGCUO)
    assert not applicant.has_usable_password()
    mine = Actor(applicant).get(CASES)
    assert case.number in [row["number"] for row in mine["results"]]


def test_a_license_revoked_between_resolution_and_fetch_falls_back_to_upload_with_the_reason_shown(e2e):
    wangfang = Actor(applicant_user(license_demo.WANGFANG), worker=e2e.worker)
    handler = _actor(e2e, _handler("handler_wj", "卫健审批员", "WJ"))
    case = wangfang.apply(BIRTH_ITEM, {"child_order": 1})
    pk = case["id"]
    assert case["state"] == "awaiting_consent" and case["route"] == "instant"
    marriage_code = _type_code("MARRIAGE")
    assert [m["mode"] for m in case["materials"] if m["license_type"] == marriage_code] == [
        "auto"
    ]  # resolved as valid
    certificate = ELicense.objects.get(holder_code=license_demo.WANGFANG, license_type__code=marriage_code)
    revoke_license(license=certificate, reason="以伪造证件骗取婚姻登记，依法撤销并吊销")

    wangfang.consent(pk, accept=True)
    status = wangfang.wait_for(pk, "filling")
    row = wangfang.license_row(pk, "结婚证")
    assert row["fetch_state"] == "fallback", status
    assert "核验未通过" in row["fallback_reason"] and "吊销" in row["fallback_reason"], (
        row
    )  # which check failed
    assert row["fallback_reason"].endswith("请上传") and row["result_label"] == "已吊销或注销"
    assert wangfang.license_row(pk, "居民身份证")["fetch_state"] == "verified"
    missing = {m["key"]: m for m in status["awaited"]["missing_uploads"]}
    assert (
        f"license:{marriage_code}" in missing
        and missing[f"license:{marriage_code}"]["reason"] == row["fallback_reason"]
    )
    wangfang.upload_missing(pk)
    wangfang.submit(pk)
    wangfang.wait_for(pk, "awaiting_acceptance")  # not 秒批: a license could not be verified
    assert CaseEvent.objects.filter(case_id=pk, action="instant_declined", note__contains="结婚证").exists()
    handler.post(f"{CASES}{pk}/claim/")
    handler.post(f"{CASES}{pk}/approve/", {"note": "已核验上传的结婚证原件扫描件"})
    wangfang.wait_for(pk, "archived")
    case = archived_case(pk)
    assert case.licenses.get(license_type__code=marriage_code).verified is False


def _deliver_twice_at_once(task_pk: int) -> list[str]:
    results, errors = run_at_once([lambda: run_step(task_pk), lambda: run_step(task_pk)])
    assert not errors, errors
    assert Counter(results)["done"] <= 1, results
    return results


def test_a_background_job_delivered_twice_issues_one_license_one_document_set_and_one_archive_package(e2e):
    zhangsan = _actor(e2e, _user("zhangsan"))
    pk = zhangsan.apply(EMPLOYMENT_ITEM, {"employment_status": "创业"})["id"]
    _consent_and_fill(zhangsan, pk)
    zhangsan.upload_missing(pk)
    case = Case.objects.get(pk=pk)
    fetch_task = Task.objects.get(process_id=pk, flow_task=CaseFlow.fetch, status="DONE")
    with e2e.steps_held():  # the outcome and archive jobs go nowhere: this test delivers each twice at once
        zhangsan.submit(pk)
        assert zhangsan.status(pk)["state"] == "concluding"
        outcome = active_task(case=case, node="outcome")
        assert outcome is not None and outcome.status == "NEW"
        results = _deliver_twice_at_once(outcome.pk)
        if "done" not in results:
            # each delivery rendered some of the documents and backed off from the ones the other was rendering;
            # the retry that both scheduled finds every document attached and completes the step
            assert results == ["waiting", "waiting"], results
            assert run_step(outcome.pk) == "done"
        archive = active_task(case=case, node="archive")
        assert archive is not None and archive.status == "NEW"
        assert sorted(_deliver_twice_at_once(archive.pk)) == ["done", "skipped"]
    assert zhangsan.status(pk)["state"] == "archived"

    # and each job once more through Redis, to the worker, after the case is archived
    for task_pk in (fetch_task.pk, outcome.pk, archive.pk):
        sent = run_step.apply_async(args=[task_pk]).id
        done = f"run_step[{sent}] succeeded"
        line = wait_until(
            lambda done=done: next((line for line in e2e.worker.log().splitlines() if done in line), None),
            timeout=60,
            what=f"the worker to take the redelivered job of task {task_pk}",
            worker=e2e.worker,
        )
        assert line.endswith("'skipped'"), line

    case = archived_case(pk)
    issued = LicenseVersion.objects.filter(
        license__holder_code=license_demo.ZHANGSAN, license__license_type__code=_type_code("EMPLOY")
    )
    assert issued.count() == 1 and issued.get() == case.issued_license
    slots = CaseDocument.objects.filter(case=case)
    assert all(slot.document_id for slot in slots)
    assert Counter((slot.kind, slot.round) for slot in slots) == Counter(
        {("application_form", 0): 1, ("decision", 0): 1, ("license_face", 0): 1}
    )
    documents = IssuedDocument.objects.filter(reference__in=[case.number, case.issued_license.identifier])
    assert sorted(documents.values_list("kind", flat=True)) == sorted(
        slot.kind for slot in slots
    )  # none rendered twice
    assert ArchivePackage.objects.filter(case_number=case.number).count() == 1
    assert Counter(
        case.events.filter(action__in=["license_issued", "concluded", "archived"]).values_list(
            "action", flat=True
        )
    ) == Counter({"license_issued": 1, "concluded": 1, "archived": 1})
