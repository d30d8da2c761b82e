"""Chinese by default; with the English switch the portal's own text is English."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.workflows.conftest import MARRIAGE

pytestmark = pytest.mark.django_db


def test_the_guide_and_an_item_are_chinese_by_default_and_english_when_chosen(demo):
    client = Client()
    assert "搜索事项" in client.get(reverse("portal:guide")).content.decode()
    client.cookies["django_language"] = "en"
    guide = client.get(reverse("portal:guide")).content.decode()
    assert "Service guide" in guide and "Enterprises" in guide and "个人办事" not in guide
    item = client.get(reverse("portal:item", args=[MARRIAGE])).content.decode()
    assert "Legal basis" in item and "What do I need to prepare?" in item and "Large type" in item


def test_the_apply_steps_are_english_when_chosen(demo):
    client = Client()
    client.force_login(demo.zhangsan)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("portal:prepare", args=[MARRIAGE])).content.decode()
    assert "Questions" in page and "Materials" in page and "First, a few questions" in page
