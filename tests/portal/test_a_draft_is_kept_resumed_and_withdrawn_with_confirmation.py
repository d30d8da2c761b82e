"""A draft can be left and resumed (what was typed and uploaded is kept), and withdrawing asks to confirm."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.workflows.conftest import ENTERPRISE, ENTERPRISE_ANSWERS, File
from workflows.services import starting

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(demo):
    client = Client()
    client.force_login(demo.qiye)
    return client


@pytest.fixture
def case(demo):
    return starting.start_case(service_code=ENTERPRISE, applicant=demo.qiye, answers=ENTERPRISE_ANSWERS)


def test_a_saved_draft_and_its_upload_are_there_when_the_applicant_comes_back(agent, case):
    response = agent.post(
        reverse("portal:fill", args=[case.pk]),
        {"action": "save", "company_name": "青海草原科技有限公司", "file-material:1": File(name="章程.pdf")},
    )
    assert response.status_code == 302
    page = agent.get(reverse("portal:case", args=[case.pk])).content.decode()
    assert (
        'value="青海草原科技有限公司"' in page
        and "章程.pdf" in page
        and "草稿" not in page.split("<main>")[0]
    )
    item_page = agent.get(reverse("portal:item", args=[ENTERPRISE])).content.decode()
    assert "您有一件未完成的申请" in item_page and reverse("portal:case", args=[case.pk]) in item_page


def test_submitting_with_a_missing_upload_keeps_what_was_typed_and_says_what_is_missing(agent, case):
    response = agent.post(
        reverse("portal:fill", args=[case.pk]), {"action": "submit", "company_name": "青海草原科技有限公司"}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "还有材料未上传" in page and "公司章程" in page
    assert 'value="青海草原科技有限公司"' in page
    case.refresh_from_db()
    assert case.state == "filling"


def test_a_file_that_is_not_a_pdf_or_image_is_refused_with_a_reason(agent, case):
    agent.post(
        reverse("portal:fill", args=[case.pk]),
        {"action": "save", "file-material:1": File(b"MZ\x90\x00 not a pdf", name="章程.pdf")},
    )
    page = agent.get(reverse("portal:case", args=[case.pk])).content.decode()
    assert "只能上传 PDF、JPEG 或 PNG 文件" in page
    assert not case.uploads.exists()


def test_withdrawing_asks_to_confirm_then_withdraws(agent, case):
    confirm = agent.get(reverse("portal:withdraw", args=[case.pk])).content.decode()
    assert "确认撤回" in confirm
    case.refresh_from_db()
    assert case.state == "filling"  # looking at the confirmation changes nothing
    agent.post(reverse("portal:withdraw", args=[case.pk]), {"reason": "信息填错，重新申请"})
    case.refresh_from_db()
    assert case.state in ("withdrawn", "archived") and case.decision == "withdrawn"


def test_the_elderly_switch_is_remembered_and_stays_on_the_site(demo):
    client = Client()
    response = client.post(reverse("portal:elderly"), {"on": "1", "next": "/portal/"})
    assert response.status_code == 302 and response["Location"] == "/portal/"
    assert 'class="elderly"' in client.get(reverse("portal:guide")).content.decode()
    away = client.post(reverse("portal:elderly"), {"on": "0", "next": "https://evil.example/"})
    assert away["Location"] == "/"
    assert 'class="elderly"' not in client.get(reverse("portal:guide")).content.decode()
