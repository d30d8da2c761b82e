"""A scheduled job travels through Redis to a separate Celery worker process that shares the database.

CI and production run jobs this way (DESIGN.md); the embedded default runs them eagerly. Needs
PostgreSQL (the worker must see the test database) and Redis (REDIS_URL, default db 15).
"""

import os
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.db import connection

from licenses.models import LicenseStatus
from licenses.tasks import expire_licenses_task
from tests.licenses.helpers import issue_person_license

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def worker_queue():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.fail(f"this test needs Redis at {REDIS_URL} (.ci/run starts it): {error}")
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    queue = f"mzb-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_RESULT_BACKEND": REDIS_URL,
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "project",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "-l",
            "warning",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # a client of its own, so the project's (eager, already configured) app is left as it is
    client = Celery("mzb-test-client", broker=REDIS_URL, backend=REDIS_URL, set_as_current=False)
    try:
        yield client, queue
    finally:
        client.close()
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
        if worker.returncode not in (0, -15):
            print(output)


def test_the_expiry_job_runs_on_a_worker_and_expires_a_license_past_its_end_date(worker_queue):
    client, queue = worker_queue
    version = issue_person_license(
        issue_date=date(2020, 1, 1), valid_from=date(2020, 1, 1), valid_until=date(2021, 1, 1)
    )
    result = client.send_task(expire_licenses_task.name, queue=queue)
    assert (
        result.get(timeout=60) == 1
    )  # the worker answers through the result backend: waits on state, no sleeping
    version.license.refresh_from_db()
    assert version.license.status == LicenseStatus.EXPIRED
