"""好差评 follow-up: the rectifications poor ratings opened, with deadline, state (待核实, 整改中, 已办结, 申诉复核)
and the department's note; those past their deadline and not closed are flagged; comments are shown escaped."""

import pytest
from django.utils import timezone

from workflows.models import Rectification, RectificationState

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_the_list_shows_every_state_and_flags_the_overdue_ones(generated, auditor, client, settings):
    generated(800, seed=13)
    client.force_login(auditor)
    page = client.get("/supervision/rectifications/")
    assert page.status_code == 200
    assert page.context["page"].paginator.count == Rectification.objects.count() > 0
    html = page.content.decode()
    for value, label in RectificationState.choices:
        if Rectification.objects.filter(state=value).exists():
            assert str(label) in html
    today = timezone.localdate()
    overdue = client.get("/supervision/rectifications/?overdue=1")
    wanted = Rectification.objects.exclude(state="closed").filter(due_on__lt=today)
    assert overdue.context["page"].paginator.count == wanted.count()
    assert all(r.is_overdue for r in overdue.context["page"])
    closed = client.get("/supervision/rectifications/?state=closed")
    assert all(not r.is_overdue for r in closed.context["page"])


def test_a_comment_with_markup_is_shown_as_text(generated, auditor, client):
    generated(400, seed=13)
    item = Rectification.objects.select_related("rating").first()
    item.rating.comment = '<script>alert("x")</script>'
    item.rating.save()
    item.note = "<b>已整改</b>"
    item.save()
    client.force_login(auditor)
    html = client.get("/supervision/rectifications/").content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "<b>已整改</b>" not in html and "&lt;b&gt;已整改&lt;/b&gt;" in html
