"""schemathesis over every operation of the OpenAPI schema, anonymous and as each demo role: no 5xx, and every
response conforms to the schema (documented status code, body matching its schema). In process (WSGI, no
network), on the test database with the demo data loaded, bounded and deterministic: ``SCHEMATHESIS_EXAMPLES``
(default 6) generated cases per operation and role — about 1,600 requests, under a minute on 2 cores."""

import base64
import collections
import os

import pytest
import schemathesis
from axes.utils import reset as reset_login_failures
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from accounts.demo import DEFAULT_DEMO_PASSWORD, DEMO_USERS

ROLES = [None, *[username for username, *_rest in DEMO_USERS]]  # None: anonymous
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "6"))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]

pytestmark = pytest.mark.slow


@pytest.fixture
def demo(db, settings, monkeypatch):
    from catalogs.management.commands.load_demo import Command

    # requests go straight to the WSGI application, whose request_finished handler would close the test's
    # database connection (and its transaction) on PostgreSQL; Django's test client disconnects it the same way
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        monkeypatch.setenv("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
        Command().handle(verbosity=0)
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _basic(username: str | None) -> dict:
    if username is None:
        return {}
    return {
        "Authorization": "Basic " + base64.b64encode(f"{username}:{DEFAULT_DEMO_PASSWORD}".encode()).decode()
    }


def _exercise(operation, role, failures: list, statuses: collections.Counter) -> None:
    headers = _basic(role)

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        cache.clear()  # the throttles would otherwise answer 429 to most of the run
        reset_login_failures()  # generated Basic credentials would otherwise lock the demo users out
        response = case.call(headers=headers)
        statuses[response.status_code] += 1
        case.validate_response(response, checks=CHECKS, headers=headers)

    try:
        run()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # noqa: BLE001  schemathesis raises a FailureGroup (a BaseExceptionGroup); report them all
        failures.append(
            f"{role or 'anonymous'} {operation.method.upper()} {operation.path}: {str(error)[:800]}"
        )


def test_no_operation_answers_5xx_or_breaks_its_schema(demo):
    from project.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 37
    failures, statuses = [], collections.Counter()
    for operation in operations:
        for role in ROLES:
            _exercise(operation, role, failures, statuses)
    assert not failures, "\n\n".join(failures[:30])
    assert statuses[200] > 300 and not any(code >= 500 for code in statuses), statuses
