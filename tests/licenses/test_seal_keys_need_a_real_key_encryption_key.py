"""Private seal keys are never encrypted under the published development constant outside DEBUG: creating
or using a key without ``SEAL_KEY_ENCRYPTION_KEY`` is refused, ``check --deploy`` fails, the WSGI application
refuses to start; and the key-encryption key can be rotated with ``manage.py seal_keys rekey``."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from licenses.models import SealKey
from licenses.sealing import KeySealer, create_seal_key
from licenses.signers.keystore import DEV_KEY_ENCRYPTION_KEY
from tests.factories import DepartmentFactory
from tests.project.test_deploy_settings import PRODUCTION_ENV, ROOT, run_check


@pytest.fixture
def no_kek(settings, monkeypatch):
    settings.DEBUG = False
    settings.SEAL_KEY_ENCRYPTION_KEY = ""
    monkeypatch.delenv("SEAL_KEY_ENCRYPTION_KEY", raising=False)


def test_creating_a_key_without_a_key_encryption_key_is_refused_outside_debug(db, no_kek):
    with pytest.raises(ImproperlyConfigured, match="SEAL_KEY_ENCRYPTION_KEY"):
        create_seal_key(department=DepartmentFactory())
    assert not SealKey.objects.exists()


def test_using_a_key_without_a_key_encryption_key_is_refused_outside_debug(db, settings, monkeypatch):
    key = create_seal_key(department=DepartmentFactory())
    settings.SEAL_KEY_ENCRYPTION_KEY = ""
    monkeypatch.delenv("SEAL_KEY_ENCRYPTION_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SEAL_KEY_ENCRYPTION_KEY"):
        KeySealer(key)


def test_the_development_constant_is_not_a_real_key_either(db, settings):
    settings.DEBUG = False
    settings.SEAL_KEY_ENCRYPTION_KEY = DEV_KEY_ENCRYPTION_KEY
    with pytest.raises(ImproperlyConfigured, match="SEAL_KEY_ENCRYPTION_KEY"):
        create_seal_key(department=DepartmentFactory())


def test_check_deploy_fails_without_a_seal_key_encryption_key():
    result = run_check({**PRODUCTION_ENV, "SECRET_KEY": "x" * 60 + "y-z-1234567890"})
    assert result.returncode != 0
    assert "licenses.E001" in result.stderr and "SEAL_KEY_ENCRYPTION_KEY" in result.stderr


def test_the_wsgi_application_refuses_to_start_without_a_seal_key_encryption_key():
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env.update({**PRODUCTION_ENV, "SECRET_KEY": "x" * 60})
    result = subprocess.run(
        [sys.executable, "-c", "import project.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SEAL_KEY_ENCRYPTION_KEY" in result.stderr


def test_rotating_the_key_encryption_key_reencrypts_every_private_key(db, settings):
    settings.SEAL_KEY_ENCRYPTION_KEY = "old-kek-" + "a" * 40
    key = create_seal_key(department=DepartmentFactory())
    before = key.private_key_encrypted
    settings.SEAL_KEY_ENCRYPTION_KEY = "new-kek-" + "b" * 40
    with pytest.raises(Exception):  # noqa: B017  the new KEK alone cannot open the old ciphertext
        KeySealer(key)
    settings.SEAL_KEY_ENCRYPTION_KEY_PREVIOUS = ["old-kek-" + "a" * 40]
    call_command("seal_keys", "rekey")
    settings.SEAL_KEY_ENCRYPTION_KEY_PREVIOUS = []
    key.refresh_from_db()
    assert key.private_key_encrypted != before
    assert KeySealer(key).sign({"a": 1})
