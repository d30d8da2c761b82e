"""Chinese by default; with the language switch set to English the home page and the inbox are in English."""

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def client_for(user, language: str | None = None) -> Client:
    client = Client()
    client.force_login(user)
    if language:
        client.cookies["django_language"] = language
    return client


def test_the_auditors_home_and_inbox_in_english():
    auditor = UserFactory(roles=["auditor"], is_staff=True)
    client = client_for(auditor, "en")
    home = client.get("/").content.decode()
    assert "Oversight and audit" in home and "Archive packages" in home and "监管审计" not in home
    inbox = client.get("/messages/").content.decode()
    assert "My messages" in inbox and "No messages yet" in inbox and ">Messages</a>" in inbox


def test_chinese_is_the_default():
    page = client_for(UserFactory(roles=["auditor"], is_staff=True)).get("/messages/").content.decode()
    assert "我的消息" in page and "还没有消息" in page
