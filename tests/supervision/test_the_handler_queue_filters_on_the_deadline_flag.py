"""The handler queue shows each case's deadline flag and can be narrowed to the overdue (or due-soon) ones."""

import pytest
from django.contrib.auth.models import Group
from django.db.models import Count
from rest_framework.test import APIClient
from viewflow.workflow.models import Task

from accounts.roles import HANDLER
from workflows.models import Case, DeadlineFlag

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_a_handler_lists_only_their_departments_overdue_cases(generated):
    report = generated(1200, seed=31)
    busiest = (
        Case.objects.filter(
            deadline_flag=DeadlineFlag.OVERDUE, state__in=["awaiting_acceptance", "in_review"]
        )
        .values("department_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    handler = report.handlers[busiest["department_id"]]
    handler.groups.add(Group.objects.get(name=HANDLER))
    client = APIClient()
    client.force_login(handler)
    everything = client.get("/api/v1/cases/queue/?limit=200").json()
    overdue = client.get("/api/v1/cases/queue/?deadline=overdue&limit=200").json()
    wanted = Task.objects.filter(
        status__in=["NEW", "ASSIGNED"],
        flow_task_type="HUMAN",
        process__case__department_id=busiest["department_id"],
        process__case__deadline_flag=DeadlineFlag.OVERDUE,
    ).count()
    assert overdue["count"] == wanted > 0 and everything["count"] > wanted
    assert {row["case"]["deadline_flag"] for row in overdue["results"]} == {"overdue"}
    assert {row["case"]["deadline_flag"] for row in everything["results"]} >= {"overdue", ""}
