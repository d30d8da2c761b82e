"""Settings of the gunicorn app servers the scale-out and fault tests start: the worker's (the queue their
jobs go to), plus what the committed test world needs.

- The world's passwords are hashed with MD5 (the suite's fast hasher); it comes first so that a login does
  not re-hash the password into the production hasher on every request (HTTP Basic logs in each time).
- 200 cases driven by two demo applicants are far above a person's API rate: the per-user throttle is raised
  here. The throttles themselves still run, against the shared cache (CACHE_URL) the tests give the servers.
"""

from django.conf import global_settings  # noqa: E402

from tests.workflows.e2e.worker_settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *global_settings.PASSWORD_HASHERS]
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {**REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "user": "100000/min"},  # noqa: F405
}
