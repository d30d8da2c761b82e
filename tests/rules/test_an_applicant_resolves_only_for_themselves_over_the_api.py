"""POST /api/v1/services/<code>/resolve for the signed-in applicant; RFC 9457 problems per field."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import UserFactory, valid_citizen_id
from tests.rules.conftest import CALLS, hold

pytestmark = pytest.mark.django_db
URL = "/api/v1/services/{}/resolve"


@pytest.fixture
def applicant(demo_rules):
    user = UserFactory(
        roles=["applicant"],
        holder_code=valid_citizen_id(birth="19900101"),
        holder_code_type="111",
        holder_verified_at=timezone.now(),
    )
    hold(user.holder_code, "ID")
    hold(user.holder_code, "HUKOU")
    return user


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_an_applicant_gets_their_own_materials_and_route(applicant):
    response = client_for(applicant).post(
        URL.format("630000-MZ-0001"),
        {"answers": {"previously_divorced": False, "partner_id": "630102199001011234"}},
        format="json",
    )
    assert response.status_code == 200
    assert {m["name"]: m["mode"] for m in response.json()["materials"]}["居民身份证"] == "auto"
    assert response.json()["route"]["route"] == "instant"


def test_the_holder_is_always_the_signed_in_applicant(applicant):
    other = valid_citizen_id(birth="19800101")
    client_for(applicant).post(
        URL.format("630000-MZ-0001"),
        {"holder": other, "answers": {"previously_divorced": False, "partner_id": "x"}},
        format="json",
    )
    assert [code for code, _on in CALLS] == [applicant.holder_code]


def test_a_string_for_an_int_answer_is_a_problem_naming_the_field(applicant):
    response = client_for(applicant).post(
        URL.format("630000-WJ-0001"), {"answers": {"child_order": "20"}}, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalid-params"] == [
        {"name": "answers.child_order", "reason": "“本次登记为第几个子女”应为整数，文本“20”不是整数"}
    ]


def test_an_amount_with_five_decimals_is_a_problem_naming_the_field(applicant):
    response = client_for(applicant).post(
        URL.format("630000-GJJ-0001"), {"answers": {"transfer_amount": 1e-05}}, format="json"
    )
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalid-params"]] == ["answers.transfer_amount"]


def test_a_missing_required_answer_is_a_problem_naming_the_field(applicant):
    response = client_for(applicant).post(
        URL.format("630000-WJ-0001"), {"answers": {"child_order": ""}}, format="json"
    )
    assert response.json()["invalid-params"] == [
        {"name": "answers.child_order", "reason": "“本次登记为第几个子女”为必答，不能为空"}
    ]


def test_answers_that_are_not_an_object_are_a_problem(applicant):
    response = client_for(applicant).post(
        URL.format("630000-WJ-0001"), {"answers": ["child_order", 1]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["invalid-params"][0]["name"] == "answers"


def test_an_unknown_service_item_is_not_found(applicant):
    response = client_for(applicant).post(URL.format("630000-XX-9999"), {}, format="json")
    assert response.status_code == 404 and response.json()["title"].startswith("事项 630000-XX-9999")


def test_an_anonymous_caller_is_refused(demo_rules):
    assert APIClient().post(URL.format("630000-MZ-0001"), {}, format="json").status_code in (401, 403)


def test_a_user_without_a_verified_holder_code_is_refused(demo_rules):
    user = UserFactory(roles=["applicant"])
    response = client_for(user).post(URL.format("630000-MZ-0001"), {}, format="json")
    assert response.status_code == 403 and "实名核验" in response.json()["detail"]
