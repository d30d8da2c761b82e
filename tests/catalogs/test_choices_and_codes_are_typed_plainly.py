"""Policy staff type a question's or face field's choices as “、”-separated text (not JSON), and see the
format of a service item code."""

import pytest
from django.test import Client

from catalogs.admin_base import ChoiceListField
from catalogs.models import Question
from tests.factories import ServiceItemFactory

pytestmark = pytest.mark.django_db


def test_choices_are_shown_and_read_as_a_separated_list():
    field = ChoiceListField()
    assert field.prepare_value(["首次登记", "转移登记"]) == "首次登记、转移登记"
    assert field.clean("首次登记、转移登记，变更登记\n注销登记") == [
        "首次登记",
        "转移登记",
        "变更登记",
        "注销登记",
    ]
    assert field.clean("") == []
    assert not field.has_changed(["男", "女"], "男、女")


def test_the_question_form_saves_choices_typed_as_text(policy_user):
    item = ServiceItemFactory()
    client = Client()
    client.force_login(policy_user)
    page = client.get("/admin/catalogs/question/add/").content.decode()
    assert "多个可选值用“、”分隔" in page and "<textarea" not in page.split('name="choices"')[0][-200:]
    response = client.post(
        "/admin/catalogs/question/add/",
        {
            "service_item": item.pk,
            "position": 1,
            "key": "reg_type",
            "label": "登记类型",
            "answer_type": "choice",
            "choices": "首次登记、转移登记",
            "required": "on",
            "help_text": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Question.objects.get(key="reg_type").choices == ["首次登记", "转移登记"]


def test_the_service_item_code_shows_its_format(policy_user):
    client = Client()
    client.force_login(policy_user)
    page = client.get("/admin/catalogs/serviceitem/add/").content.decode()
    assert "如 630000-MZ-0001" in page and 'placeholder="630000-MZ-0001"' in page
