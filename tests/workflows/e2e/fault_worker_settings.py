"""Settings of the Celery workers the worker-kill tests start and kill: the e2e worker's, plus

- the test-only pause points of ``pause_points`` (imported by the worker, never by the project), which
  hold a job at a named point until the test kills the worker;
- a short visibility timeout, swept every second, so that a job whose worker was killed is handed to
  another worker within seconds rather than the production hour.
"""

import os

from tests.workflows.e2e.worker_settings import *  # noqa: F403

CELERY_IMPORTS = ["tests.workflows.e2e.pause_points"]
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "5")),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
