import os

import pytest
from django.db import connection

from accounts.roles import APPLICANT, AUDITOR, HANDLER, ISSUER, POLICY_STAFF
from tests.factories import DepartmentFactory, UserFactory, valid_citizen_id

# Tests run with DEBUG off, where seal keys need a real key-encryption key (licenses.signers.keystore); this one
# is the test run's own, inherited by the servers and workers the tests start.
os.environ.setdefault("SEAL_KEY_ENCRYPTION_KEY", "test-run-seal-key-encryption-key-" + os.urandom(16).hex())


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` need PostgreSQL; on SQLite they are skipped with a reason (CI runs them)."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL); CI runs it")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def demo_catalog(db):
    from catalogs import demo

    return demo.load()


@pytest.fixture
def department(db):
    return DepartmentFactory()


@pytest.fixture
def policy_user(db):
    return UserFactory(roles=[POLICY_STAFF], is_staff=True)


@pytest.fixture
def handler_user(db, department):
    return UserFactory(roles=[HANDLER], is_staff=True, department=department)


@pytest.fixture
def issuer_user(db, department):
    return UserFactory(roles=[ISSUER], is_staff=True, department=department)


@pytest.fixture
def auditor_user(db):
    return UserFactory(roles=[AUDITOR], is_staff=True)


@pytest.fixture
def applicant_user(db):
    return UserFactory(roles=[APPLICANT], holder_code=valid_citizen_id(), holder_code_type="111")


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _files_in_a_temporary_folder(settings, tmp_path):
    """Documents, archive packages and uploads a test writes go to its own folder, never the checkout's media/:
    a case number (and so an archive's package id) restarts with every test database."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CASE_UPLOAD_ROOT = tmp_path / "uploads"


@pytest.fixture(autouse=True)
def _plain_http_and_static(settings):
    """Tests talk plain HTTP (test client and live server) and need no collected static manifest."""
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
