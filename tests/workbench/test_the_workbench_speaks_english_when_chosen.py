"""The workbench is Chinese by default and English when the user picks English (the header's switch)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_queue_is_chinese_by_default_and_english_when_chosen(demo):
    client = Client()
    client.force_login(demo.handler_mz)
    chinese = client.get("/workbench/").content.decode()
    assert "部门待办" in chinese and "Department queue" not in chinese
    client.post("/i18n/setlang/", {"language": "en", "next": "/workbench/"})
    english = client.get("/workbench/").content.decode()
    assert "Department queue" in english and "My tasks" in english and "Filter" in english
    assert "部门待办" not in english
    window = client.get("/workbench/window/630000-MZ-0002/").content.decode()
    assert "Citizen ID number" in window and "Check the ID and start the case" in window
