"""Auditors' checks run from the admin in the background: the access-log hash chain (``audit_verify``) and
the archive packages' 四性检测 (``archive_check --all``). The commands stay the source of truth; a check runs
as a Celery job and leaves its output in the cache under its job id (set CACHE_URL so that every server
and worker shares it)."""

from __future__ import annotations

import io
import uuid

from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from accounts.models import User
from licenses.tasks import run_audit_check_task

# kind → (command and arguments, label); archive_check is called by name: licenses never imports archives
CHECKS = {
    "audit_verify": (("audit_verify",), gettext_noop("核对用证记录哈希链")),
    "archive_check": (("archive_check", "--all"), gettext_noop("归档信息包四性检测")),
}
RESULT_SECONDS = 24 * 3600


class UnknownCheck(ValueError):
    pass


def _key(job_id: str) -> str:
    return f"audit-check:{job_id}"


def start_check(*, kind: str, user: User) -> str:
    """Queue one check (after the current transaction commits) and return its job id."""
    if kind not in CHECKS:
        raise UnknownCheck(kind)
    job_id = uuid.uuid4().hex
    cache.set(
        _key(job_id),
        {
            "kind": kind,
            "state": "running",
            "started_at": f"{timezone.localtime():%Y-%m-%d %H:%M:%S}",
            "by": getattr(user, "username", ""),
        },
        RESULT_SECONDS,
    )

    transaction.on_commit(lambda: run_audit_check_task.delay(kind, job_id))
    return job_id


def run_check(*, kind: str, job_id: str) -> dict:
    """Run the command and store what it printed, and whether it passed."""
    args, _label = CHECKS[kind]
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        ok = True
    except CommandError as error:
        err.write(str(error))
        ok = False
    except SystemExit as exit_:  # archive_check exits 1 when a package fails
        ok = exit_.code in (0, None)
    result = {
        **(cache.get(_key(job_id)) or {"kind": kind}),
        "state": "passed" if ok else "failed",
        "output": (out.getvalue() + err.getvalue()).strip(),
        "finished_at": f"{timezone.localtime():%Y-%m-%d %H:%M:%S}",
    }
    cache.set(_key(job_id), result, RESULT_SECONDS)
    return result


def check_result(job_id: str) -> dict | None:
    return cache.get(_key(job_id))
