"""The workbench case page: what a handler reads before deciding (masked applicant, the reason for each
material, the verification reports, prefill sources, uploads shown in the page, the log), and each decision
form doing what the case API does — including its refusals, shown as the Chinese message on the page."""

import pytest
from django.test import Client

from catalogs import demo as catalog_demo
from tests.workbench.cases import elder_case, enterprise_case, submitted
from tests.workflows.conftest import handler_of
from workflows.models import CaseState

pytestmark = pytest.mark.django_db
REALTY = "630000-ZR-0001"
REALTY_FORM = {
    "location": "西宁市城东区八一中路12号2单元101室",
    "unit_number": "630102001001GB00001F00010101",
    "area": "88.5",
    "right_type": "国有建设用地使用权/房屋所有权",
    "phone": "13800000000",
}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_shows_the_evidence_with_the_applicant_masked(demo, run):
    case = elder_case(demo, run)
    page = _client(demo.handler_mz).get(f"/workbench/cases/{case.pk}/").content.decode()
    assert case.holder_code not in page  # the ID number, masked everywhere on the page
    assert case.holder_code[:6] + "********" + case.holder_code[-4:] in page
    assert "未满60周岁，需人工核实申领资格" in page  # why the case is reviewed
    assert "核验结论" in page and "有效" in page  # each license's verification report
    assert "预填自居民身份证" in page  # prefill provenance
    upload = case.uploads.get()
    assert f'src="/api/v1/cases/{case.pk}/uploads/{upload.pk}/file"' in page  # previewed in the page
    assert "登记办件" in page and "进入部门待办" in page  # the event log, in Chinese


def test_deciding_before_claiming_is_refused_with_the_reason(demo, run):
    case = elder_case(demo, run)
    client = _client(demo.handler_mz)
    response = client.post(f"/workbench/cases/{case.pk}/approve/", {"note": ""}, follow=True)
    case.refresh_from_db()
    assert case.state == CaseState.AWAITING_ACCEPTANCE
    assert "请先认领该办件，再作出处理" in response.content.decode()
    assert case.events.filter(refused=True, action__startswith="refused:approve").exists()


def test_a_rejection_needs_reasons_and_names_the_materials_picked(demo, run):
    case = elder_case(demo, run)
    client = _client(demo.handler_mz)
    client.post(f"/workbench/cases/{case.pk}/claim/")
    empty = client.post(f"/workbench/cases/{case.pk}/reject/", {"reasons": " "}, follow=True)
    assert "不予办理须写明理由" in empty.content.decode()
    client.post(
        f"/workbench/cases/{case.pk}/reject/",
        {"reasons": "照片不符合要求", "material": ["material:2", "license:bogus"]},
    )
    case.refresh_from_db()
    assert case.decision == "rejected"
    assert case.decision_reasons == "照片不符合要求（涉及材料：本人近期免冠照片）"


def test_a_supplement_lists_the_picked_materials_and_refuses_one_without_a_reason(demo, run):
    case = enterprise_case(demo, run)
    client = _client(demo.handler_sj)
    client.post(f"/workbench/cases/{case.pk}/claim/")
    missing_reason = client.post(
        f"/workbench/cases/{case.pk}/supplement/",
        {"item": "material:1", "reason:material:1": ""},
        follow=True,
    )
    assert "请说明需补正的原因" in missing_reason.content.decode()
    client.post(
        f"/workbench/cases/{case.pk}/supplement/",
        {
            "item": ["material:1", "material:2"],
            "reason:material:1": "未经全体股东签字",
            "reason:material:2": "房产坐落与申请书不一致",
            "extra_name": "股东会决议",
            "extra_reason": "设立公司须提交",
        },
    )
    case.refresh_from_db()
    assert case.state == CaseState.SUPPLEMENT
    assert [(i["name"], i["reason"]) for i in case.supplement_items] == [
        ("公司章程", "未经全体股东签字"),
        ("住所使用证明", "房产坐落与申请书不一致"),
        ("股东会决议", "设立公司须提交"),
    ]


def test_the_realty_item_is_inspected_on_site_from_the_page_before_review(demo, run):
    case = submitted(
        run, user=demo.zhangsan, code=REALTY, answers={"registration_kind": "首次登记"}, data=REALTY_FORM
    )
    inspector = handler_of(catalog_demo.department("ZR"), "inspector")
    client = _client(inspector)
    queue = client.get("/workbench/").content.decode()
    assert case.number in queue and "现场核查" in queue
    client.post(f"/workbench/cases/{case.pk}/claim/")
    page = client.get(f"/workbench/cases/{case.pk}/").content.decode()
    assert "记录核查结果" in page and "发出一次性告知" not in page
    client.post(f"/workbench/cases/{case.pk}/inspection/", {"passed": "1", "note": "坐落、面积与申请一致"})
    case.refresh_from_db()
    assert case.inspection.passed and case.inspection.note == "坐落、面积与申请一致"
    assert case.state == CaseState.IN_REVIEW  # on to review, with the same handler
    client.post(f"/workbench/cases/{case.pk}/approve/", {"note": ""})
    case.refresh_from_db()
    assert case.decision == "approved"


def test_the_queue_filters_by_deadline_and_pages(demo, run):
    from datetime import timedelta

    from django.utils import timezone

    first, second = elder_case(demo, run), elder_case(demo, run)
    client = _client(demo.handler_mz)
    client.post("/workbench/claim/", {"case": [first.pk, second.pk]})
    first.refresh_from_db()
    first.due_on = timezone.localdate() - timedelta(days=1)
    first.save(update_fields=["due_on"])
    overdue = client.get("/workbench/", {"flag": "overdue"}).content.decode()
    assert f'data-number="{first.number}"' in overdue and f'data-number="{second.number}"' not in overdue
    mine = client.get("/workbench/mine/", {"sort": "-due"}).content.decode()
    assert mine.index(f'data-number="{second.number}"') < mine.index(f'data-number="{first.number}"')
    assert 'data-count="mine">2<' in mine
