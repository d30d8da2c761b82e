"""While licenses are fetched and verified the status page updates by itself (portal/static/portal/progress.js
polls the case's status): with a real broker (Redis, the test's own database) and no worker, the fetch waits
in the queue and the page says 核验中; the test then does the worker's job (``workflows.run_step``) and the
page — without being reloaded — shows each license 核验通过 and the way on. Without JavaScript the page
refreshes itself (<noscript> meta refresh)."""

import os

import pytest

from tests.browser.checks import assert_accessible, assert_offline_ok, offline
from tests.browser.portal_steps import login
from tests.workflows.conftest import MARRIAGE, fresh_broker_connections, load_world

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

BROKER = os.environ.get("PORTAL_TEST_BROKER_URL", "redis://127.0.0.1:6379/3")


@pytest.fixture
def queued_steps(settings):
    """Background steps go to a real Redis queue that no worker reads; the queue is emptied afterwards."""
    import redis

    try:
        redis.Redis.from_url(BROKER, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"needs Redis at {BROKER} (set PORTAL_TEST_BROKER_URL)")
    from project.celery import app

    saved = (app.conf.task_always_eager, app.conf.broker_url)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager, app.conf.broker_url = False, BROKER
    fresh_broker_connections(app)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_world()
    yield
    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge(app.conf.task_default_queue)
    app.conf.task_always_eager, app.conf.broker_url = saved
    fresh_broker_connections(app)


def test_the_status_page_shows_each_license_verified_without_a_reload(phone, live_server, queued_steps):
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from licenses import demo as licenses_demo
    from workflows.models import Case
    from workflows.tasks import run_step

    offline(phone, live_server)
    login(phone, live_server, "zhangsan", next_url=f"/portal/items/{MARRIAGE}/prepare/")
    phone.locator("input[name=q-previously_divorced][value=false]").check()
    phone.get_by_label("对方公民身份号码").fill(licenses_demo.LISI)
    phone.get_by_role("button", name="查看需要准备的材料").click()
    phone.get_by_role("button", name="开始申请").click()
    phone.get_by_role("button", name="同意授权并调取").click()

    phone.get_by_role("heading", name="调取并核验电子证照").wait_for()
    assert phone.locator("#state-label").inner_text() == "核验中"
    assert phone.get_by_role("link", name="继续：核对申请表").is_hidden()
    assert '<meta http-equiv="refresh" content="3">' in phone.content()  # inside <noscript>
    assert_accessible(phone)
    phone.evaluate("window.__notReloaded = true")

    case = Case.objects.get(applicant__username="zhangsan", service_code=MARRIAGE)
    fetch = Task.objects.get(process_id=case.pk, flow_task_type="JOB", status=STATUS.NEW)
    assert run_step(fetch.pk) == "done"  # what a worker would do with the queued message

    phone.get_by_role("link", name="继续：核对申请表").wait_for()
    assert phone.evaluate("window.__notReloaded === true"), "the page was reloaded instead of updated"
    assert phone.locator("#state-label").inner_text() == "待填报"
    rows = phone.locator("#license-status li").all_inner_texts()
    assert len(rows) == 2 and all("核验通过" in row for row in rows)
    assert_accessible(phone)
    assert_offline_ok(phone)
