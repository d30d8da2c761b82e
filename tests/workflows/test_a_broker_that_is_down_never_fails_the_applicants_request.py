"""A message broker that cannot be reached when a background step is sent: the request that committed the case
still succeeds (the applicant must not think the application lost and apply twice), the step waits in NEW, and
the beat sweep sends it once the broker is back — the case then runs on as if nothing had happened."""

import pytest
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from project.celery import app
from tests.workflows.api import client_for
from tests.workflows.conftest import MARRIAGE, MARRIAGE_ANSWERS, fresh_broker_connections
from workflows.models import Case
from workflows.tasks import sweep_background_steps

pytestmark = pytest.mark.django_db
DEAD_BROKER = "redis://127.0.0.1:9/0"  # the discard port: nothing listens


@pytest.fixture
def broker_down(settings):
    saved = (app.conf.task_always_eager, app.conf.broker_url)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager, app.conf.broker_url = False, DEAD_BROKER
    fresh_broker_connections(app)
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.broker_url = saved
        settings.CELERY_TASK_ALWAYS_EAGER = saved[0]
        fresh_broker_connections(app)


def test_the_case_is_created_and_its_step_sent_by_the_sweep_once_the_broker_is_back(
    demo, django_capture_on_commit_callbacks, broker_down, settings
):
    client = client_for(demo.zhangsan)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            "/api/v1/cases/", {"service_code": MARRIAGE, "answers": MARRIAGE_ANSWERS}, format="json"
        )
    assert started.status_code == 201, started.content.decode()
    case = Case.objects.get(pk=started.json()["id"])
    with django_capture_on_commit_callbacks(execute=True):  # consenting sends the fetch step's job
        response = client.post(f"/api/v1/cases/{case.pk}/consent/", {"accept": True}, format="json")
    assert response.status_code == 200, response.content.decode()
    assert Case.objects.get(pk=case.pk).state == "verifying"
    waiting = Task.objects.filter(process=case, flow_task_type="JOB", status=STATUS.NEW)
    assert waiting.count() == 1  # the step whose job could not be sent

    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER = True  # the broker is back (eager here)
    settings.CASE_STEP_STALE_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_background_steps() == 1
    assert not Task.objects.filter(process=case, flow_task_type="JOB", status=STATUS.NEW).exists()
    resumed = Case.objects.get(pk=case.pk)
    assert resumed.state == "filling"  # fetched and verified, the form pre-filled: the applicant's turn
    assert set(resumed.licenses.values_list("fetch_state", flat=True)) <= {"verified", "not_needed"}
