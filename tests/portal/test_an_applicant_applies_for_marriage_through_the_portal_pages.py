"""张三 applies for 婚姻登记 through the portal's HTML pages (test client): questions → materials → consent →
verification status → the pre-filled, read-only form → upload → submit → instant approval, documents and rating."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.workflows.conftest import MARRIAGE, PNG, File
from workflows.models import Case

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_guide_filters_by_applicant_kind_and_search(demo):
    client = Client()
    person = client.get(reverse("portal:guide"), {"kind": "person"}).content.decode()
    assert "内地居民婚姻登记" in person and "企业设立登记" not in person
    enterprise = client.get(reverse("portal:guide"), {"kind": "enterprise"}).content.decode()
    assert "企业设立登记" in enterprise and "内地居民婚姻登记" not in enterprise
    found = client.get(reverse("portal:guide"), {"q": "婚姻"}).content.decode()
    assert "内地居民婚姻登记" in found and "生育登记" not in found


def test_the_item_page_shows_time_limits_fee_basis_and_materials(demo):
    page = Client().get(reverse("portal:item", args=[MARRIAGE])).content.decode()
    for text in (
        "承诺时限",
        "法定时限",
        "9.00 元",
        "设定依据",
        "居民身份证",
        "户口簿",
        "本人近期半身免冠合影照片",
    ):
        assert text in page, text


def test_what_to_prepare_resolves_the_materials_for_the_applicant(demo):
    client = _client(demo.zhangsan)
    url = reverse("portal:prepare", args=[MARRIAGE])
    page = client.get(url, {"q-previously_divorced": "false", "q-partner_id": demo.LISI}).content.decode()
    assert "按您的情况，需要的材料" in page
    assert "免提交" in page and "免于提交" in page and "上传" in page
    unanswered = client.get(url, {"q-previously_divorced": "false"}).content.decode()
    assert "按您的情况，需要的材料" not in unanswered and "对方公民身份号码" in unanswered


def test_marriage_runs_from_the_questions_to_an_instant_approval(demo, django_capture_on_commit_callbacks):
    client = _client(demo.zhangsan)
    response = client.post(
        reverse("portal:prepare", args=[MARRIAGE]),
        {"q-previously_divorced": "false", "q-partner_id": demo.LISI},
    )
    case = Case.objects.get(holder_code=demo.zhangsan.holder_code, service_code=MARRIAGE)
    assert response.status_code == 302 and response["Location"] == reverse("portal:case", args=[case.pk])
    page = client.get(response["Location"]).content.decode()
    assert "授权调取电子证照" in page and "居民身份证" in page and "将读取" in page

    with django_capture_on_commit_callbacks(execute=True):  # the background fetch, as a worker would
        response = client.post(reverse("portal:consent", args=[case.pk]), {"accept": "yes"})
    assert response["Location"] == reverse("portal:progress", args=[case.pk])
    status = client.get(reverse("portal:status", args=[case.pk])).json()
    assert status["done"] and {lic["fetch_state_label"] for lic in status["licenses"]} >= {"核验通过"}

    page = client.get(reverse("portal:case", args=[case.pk])).content.decode()
    assert "来自居民身份证" in page and "只读" in page and "来自户口簿" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:fill", args=[case.pk]),
            {
                "action": "submit",
                "spouse_name": "李四",
                "spouse_id": demo.LISI,
                "phone": "13800000000",
                "file-material:3": File(PNG, "合影.png"),
            },
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.decision == "approved" and case.state == "archived"
    page = client.get(reverse("portal:case", args=[case.pk])).content.decode()
    assert "准予登记决定书" in page and "好差评" in page

    client.post(reverse("portal:rate", args=[case.pk]), {"level": "5", "comment": ""})
    case.refresh_from_db()
    assert case.rating.level == 5
