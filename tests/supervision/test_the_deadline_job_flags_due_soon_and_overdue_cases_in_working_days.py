"""The periodic job (supervision.flag_deadlines, in CELERY_BEAT_SCHEDULE) flags accepted, undecided cases overdue
(past the promised date) or due soon (within DUE_SOON_WORKDAYS working days), and clears flags that no longer hold."""

from datetime import timedelta

import pytest
from django.conf import settings

from catalogs.workdays import add_working_days
from supervision.services import flag_deadlines
from tests.supervision.conftest import TODAY
from workflows.models import CLOCK_STATES, Case, DeadlineFlag

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _expected_flag(case: Case, today) -> str:
    soon = add_working_days(today, settings.DUE_SOON_WORKDAYS)
    if case.state not in CLOCK_STATES or case.due_on is None:
        return ""
    if case.due_on < today:
        return DeadlineFlag.OVERDUE
    return DeadlineFlag.DUE_SOON if case.due_on <= soon else ""


def test_the_job_is_scheduled():
    assert settings.CELERY_BEAT_SCHEDULE["flag-case-deadlines"]["task"] == "supervision.flag_deadlines"


def test_flags_follow_the_working_day_calendar_and_move_with_the_days(generated):
    generated(500, seed=21)
    cases = list(Case.objects.all())
    flags = {c.pk: c.deadline_flag for c in cases}
    assert {c.pk: _expected_flag(c, TODAY) for c in cases} == flags
    assert DeadlineFlag.OVERDUE in flags.values() and DeadlineFlag.DUE_SOON in flags.values()

    later = TODAY + timedelta(days=9)
    decided = Case.objects.filter(deadline_flag=DeadlineFlag.OVERDUE).order_by("pk").first()
    Case.objects.filter(pk=decided.pk).update(state="approved")  # decided meanwhile: the flag must go
    changed = flag_deadlines(on=later)
    assert changed["cleared"] >= 1
    cases = list(Case.objects.all())
    assert {c.pk: c.deadline_flag for c in cases} == {c.pk: _expected_flag(c, later) for c in cases}
    assert Case.objects.get(pk=decided.pk).deadline_flag == ""
    assert flag_deadlines(on=later) == {"overdue": 0, "due_soon": 0, "cleared": 0}  # nothing to do twice


def test_the_overdue_list_shows_each_departments_overdue_cases(generated, auditor, client):
    generated(400, seed=8)
    client.force_login(auditor)
    page = client.get("/supervision/overdue/?flag=overdue")
    wanted = Case.objects.filter(deadline_flag=DeadlineFlag.OVERDUE)
    assert page.context["page"].paginator.count == wanted.count() > 0
    per_department = {d["department_id"]: d["overdue"] for d in page.context["per_department"]}
    for department_id in set(wanted.values_list("department_id", flat=True)):
        assert per_department[department_id] == wanted.filter(department_id=department_id).count()
    assert "已逾期" in page.content.decode()
