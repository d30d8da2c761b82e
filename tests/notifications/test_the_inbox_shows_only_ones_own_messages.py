"""The inbox lists a person's own messages (never another's), the nav shows the unread count, opening a
message marks it read, and nobody can mark someone else's message."""

import re

import pytest
from django.test import Client

from notifications.models import Message
from notifications.services import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_people():
    mine, theirs = UserFactory(real_name="张三"), UserFactory(real_name="李四")
    notify(
        recipient=mine,
        kind="decided",
        key="t:1",
        title="办件已办结：准予",
        body="张三的办件",
        link="/wallet/",
    )
    notify(recipient=mine, kind="consent_needed", key="t:2", title="请授权调取电子证照", body="请授权")
    notify(recipient=theirs, kind="decided", key="t:3", title="办件已办结：不予", body="李四的办件<script>")
    return mine, theirs


def unread_in_nav(page: str) -> str:
    found = re.search(
        r'<span class="count"[^>]*>(\d+)</span><span class="unread-label"[^>]*>条未读</span>', page
    )
    return found.group(1) if found else ""


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_inbox_lists_only_ones_own_messages_with_the_unread_count(two_people):
    mine, _theirs = two_people
    page = client_for(mine).get("/messages/").content.decode()
    assert "张三的办件" in page and "请授权" in page and "李四的办件" not in page
    assert unread_in_nav(page) == "2"


def test_untrusted_text_is_escaped(two_people):
    _mine, theirs = two_people
    page = client_for(theirs).get("/messages/").content.decode()
    assert "李四的办件&lt;script&gt;" in page and "李四的办件<script>" not in page


def test_opening_a_message_marks_it_read_and_goes_to_its_page(two_people):
    mine, _theirs = two_people
    message = Message.objects.get(key="t:1")
    client = client_for(mine)
    response = client.post(f"/messages/{message.pk}/read/", {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/wallet/"
    message.refresh_from_db()
    assert message.read_at is not None
    assert unread_in_nav(client.get("/messages/").content.decode()) == "1"


def test_nobody_marks_another_persons_message(two_people):
    mine, _theirs = two_people
    theirs_message = Message.objects.get(key="t:3")
    assert client_for(mine).post(f"/messages/{theirs_message.pk}/read/").status_code == 404
    theirs_message.refresh_from_db()
    assert theirs_message.read_at is None


def test_mark_all_read_touches_only_ones_own(two_people):
    mine, theirs = two_people
    client_for(mine).post("/messages/read-all/")
    assert not Message.objects.filter(recipient=mine, read_at__isnull=True).exists()
    assert Message.objects.filter(recipient=theirs, read_at__isnull=True).count() == 1


def test_the_inbox_needs_a_login():
    response = Client().get("/messages/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
