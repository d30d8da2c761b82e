"""The daily beat job tells the reviewer of a case that is due soon — once per case and day, however often
it runs — and nobody of another department; the schedule names the job."""

from datetime import date, timedelta

import pytest
import time_machine
from django.conf import settings

from notifications.models import Message, MessageKind
from notifications.tasks import notify_due_soon
from tests.notifications.helpers import submitted_enterprise
from tests.workflows.api import client_for, post
from workflows.models import Case

pytestmark = pytest.mark.django_db


def test_the_beat_schedule_runs_the_due_soon_job():
    from project.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["notify-due-soon"]
    assert entry["task"] == "notifications.notify_due_soon" and entry["task"] in app.tasks


@time_machine.travel(date(2026, 3, 2), tick=True)  # a Monday: 承诺时限 1 working day → due Tuesday
def test_a_reviewer_is_told_once_a_day_of_a_case_due_soon(demo, run):
    _applicant, case_id = submitted_enterprise(demo, run)
    run(post, client=client_for(demo.handler_sj), path=f"/api/v1/cases/{case_id}/claim/")
    due_on = Case.objects.get(pk=case_id).due_on
    assert due_on == date(2026, 3, 3)
    assert notify_due_soon() == 1
    assert notify_due_soon() == 0  # the same day again: nothing new
    with time_machine.travel(date(2026, 3, 3), tick=True):
        assert notify_due_soon() == 1  # the due day itself: told again, once
        assert notify_due_soon() == 0
    with time_machine.travel(date(2026, 3, 4), tick=True):
        assert notify_due_soon() == 0  # overdue now, no longer "due soon"
    due = Message.objects.filter(kind=MessageKind.DUE_SOON)
    assert list(due.values_list("recipient__username", flat=True)) == ["handler_sj", "handler_sj"]
    assert "今天" in due.order_by("created_at", "id").last().body


@time_machine.travel(date(2026, 3, 2), tick=True)
def test_a_case_due_later_is_not_announced_yet(demo, run, settings):
    settings.NOTIFY_DUE_SOON_DAYS = 0
    _applicant, case_id = submitted_enterprise(demo, run)
    run(post, client=client_for(demo.handler_sj), path=f"/api/v1/cases/{case_id}/claim/")
    assert Case.objects.get(pk=case_id).due_on == date(2026, 3, 2) + timedelta(days=1)
    assert notify_due_soon() == 0 and not Message.objects.filter(kind=MessageKind.DUE_SOON).exists()
