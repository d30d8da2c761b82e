"""The production settings of docs/operations.md pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "0",
    "ALLOWED_HOSTS": "zwfw.qinghai.gov.cn",
    "SECURE_HSTS_PRELOAD": "1",
    "DATABASE_URL": "sqlite:////tmp/mzb-deploy-check.sqlite3",
}


def run_check(extra_env: dict) -> subprocess.CompletedProcess:
    # a production-like environment: nothing of the test run's own settings leaks in
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "LC_ALL") if key in os.environ}
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings_from_the_environment():
    result = run_check(
        {
            **PRODUCTION_ENV,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SEAL_KEY_ENCRYPTION_KEY": secrets.token_urlsafe(48),
            "AUDIT_CHECKPOINT_DIR": "/tmp/mzb-deploy-check-checkpoints",
        }
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_check_deploy_flags_the_development_secret_key():
    result = run_check(PRODUCTION_ENV)
    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_the_openapi_schema_is_valid_and_documents_every_view_without_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
