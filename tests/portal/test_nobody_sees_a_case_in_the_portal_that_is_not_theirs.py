"""A portal case page is for the case's applicant only (an enterprise agent: the enterprise's): anybody else —
another applicant, a handler, a visitor — gets a 404 at every URL, and the attempt is logged."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.workflows.conftest import ENTERPRISE, ENTERPRISE_ANSWERS, MARRIAGE
from workflows.models import CaseEvent
from workflows.services import starting

pytestmark = pytest.mark.django_db

CASE_URLS = ("case", "progress", "status", "withdraw")
POST_URLS = ("consent", "fill", "supplement", "rate", "withdraw")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def marriage(demo):
    return starting.start_case(
        service_code=MARRIAGE,
        applicant=demo.zhangsan,
        answers={"previously_divorced": False, "partner_id": demo.LISI},
    )


def test_another_applicant_gets_a_404_everywhere_and_the_attempt_is_logged(demo, marriage):
    lisi = _client(demo.lisi)
    for name in CASE_URLS:
        assert lisi.get(reverse(f"portal:{name}", args=[marriage.pk])).status_code == 404, name
    for name in POST_URLS:
        assert lisi.post(reverse(f"portal:{name}", args=[marriage.pk]), {"accept": "yes"}).status_code == 404
    marriage.refresh_from_db()
    assert marriage.state == "awaiting_consent" and marriage.consent_id is None  # nothing done for him
    refused = CaseEvent.objects.filter(case=marriage, refused=True, actor=demo.lisi)
    assert refused.count() == len(CASE_URLS) + len(POST_URLS)
    assert "refused:portal-consent" in set(refused.values_list("action", flat=True))
    assert marriage.number not in lisi.get(reverse("portal:my-cases")).content.decode()


def test_a_handler_of_the_department_does_not_see_it_in_the_portal(demo, marriage):
    handler = _client(demo.handler_mz)
    assert handler.get(reverse("portal:case", args=[marriage.pk])).status_code == 404
    assert marriage.number not in handler.get(reverse("portal:my-cases")).content.decode()


def test_a_visitor_is_sent_to_log_in(demo, marriage):
    response = Client().get(reverse("portal:case", args=[marriage.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_applicant_sees_it_in_my_cases_with_what_is_awaited(demo, marriage):
    page = _client(demo.zhangsan).get(reverse("portal:my-cases")).content.decode()
    assert marriage.number in page and "需要您处理" in page and "待授权" in page


def test_an_enterprise_agent_sees_the_enterprise_cases_and_a_person_does_not(demo):
    case = starting.start_case(service_code=ENTERPRISE, applicant=demo.qiye, answers=ENTERPRISE_ANSWERS)
    page = _client(demo.qiye).get(reverse("portal:case", args=[case.pk])).content.decode()
    assert "企业设立登记" in page and "经办人" in page
    assert _client(demo.zhangsan).get(reverse("portal:case", args=[case.pk])).status_code == 404


def test_a_person_cannot_start_an_enterprise_item_and_is_told_why(demo):
    page = (
        _client(demo.zhangsan)
        .post(
            reverse("portal:prepare", args=[ENTERPRISE]),
            {"q-registered_capital": "100", "q-entity_type": "有限责任公司"},
        )
        .content.decode()
    )
    assert "面向法人办理，请以企业经办人身份登录申请" in page


def test_a_case_number_too_big_for_the_database_is_a_404_not_a_server_error(demo):
    client = _client(demo.zhangsan)
    assert client.get("/portal/cases/99999999999999999999999/").status_code == 404
