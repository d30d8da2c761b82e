"""The demo world for case tests: the demo catalog, rulesets, forms, licenses and logins, loaded once per
test module (inside a transaction rolled back at the module's end), so each test starts from it.

Background steps are sent on commit; inside a test's transaction nothing commits, so tests run the
flow with ``django_capture_on_commit_callbacks(execute=True)`` (the ``run`` helper), which also runs
the callbacks those callbacks register — the whole chain, as a worker would, in eager mode.
"""

import io
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

from accounts.models import User
from accounts.roles import HANDLER
from workflows.demo_runner import DEMO_PDF

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def fresh_broker_connections(app) -> None:
    """The next send opens its connections on the broker configured now (Celery keeps its pools per app)."""
    app._pool = None
    app.amqp._producer_pool = None


def load_world() -> None:
    from accounts import demo as accounts_demo
    from catalogs import demo as catalog_demo
    from forms import demo as forms_demo
    from licenses import demo as licenses_demo
    from rules import demo as rules_demo

    catalog_demo.load()
    accounts_demo.load()
    licenses_demo.load()
    rules_demo.load()
    forms_demo.load()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    fast.enable()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            load_world()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            fast.disable()


@pytest.fixture
def demo(world, db, settings, tmp_path):
    """Handy names for the demo's people, with uploads kept in a temporary folder."""
    settings.CASE_UPLOAD_ROOT = tmp_path / "uploads"
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    from licenses import demo as licenses_demo

    return SimpleNamespace(
        zhangsan=User.objects.get(username="zhangsan"),
        lisi=User.objects.get(username="lisi"),
        qiye=User.objects.get(username="qiye"),
        handler_mz=User.objects.get(username="handler_mz"),
        handler_sj=User.objects.get(username="handler_sj"),
        auditor=User.objects.get(username="auditor"),
        LISI=licenses_demo.LISI,
        MAJIANGUO=licenses_demo.MAJIANGUO,
    )


def handler_of(department, username: str) -> User:
    user = User.objects.create(username=username, real_name=username, department=department, is_staff=True)
    user.groups.add(Group.objects.get(name=HANDLER))
    return User.objects.get(pk=user.pk)


class File(io.BytesIO):
    def __init__(self, content: bytes = DEMO_PDF, name: str = "材料.pdf"):
        super().__init__(content)
        self.name, self.size = name, len(content)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Call a service and run every background step it sends (as a worker would), then return its result."""

    def call(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return call


MARRIAGE = "630000-MZ-0001"
ENTERPRISE = "630000-SJ-0001"
MARRIAGE_ANSWERS = {"previously_divorced": False, "partner_id": "630103199203152468"}
ENTERPRISE_ANSWERS = {"registered_capital": "100", "entity_type": "有限责任公司"}
