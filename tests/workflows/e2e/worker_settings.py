"""Settings of the Celery worker the end-to-end tests start: the project's, plus the queue the worker's
own follow-up jobs go to.

The worker consumes one queue of its own (``-Q``), so that it never takes another test's (or another
engineer's) jobs from the shared Redis. A job it sends itself — the next background step, a retry with
a countdown — goes to ``task_default_queue``, which must therefore be that queue too; the project has no
environment knob for it (production workers consume the default queue), hence this module.
"""

import os

from project.settings import *  # noqa: F403

CELERY_TASK_DEFAULT_QUEUE = os.environ["MZB_E2E_QUEUE"]
