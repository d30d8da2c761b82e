"""A Celery worker killed with SIGKILL in the middle of a job: the job is delivered again and its effects
happen exactly once (issue 12, fault tests).

The kill lands at the same place every run: the workers here import the test-only ``pause_points``, which
hold the first job reaching a named point and write its process id to a file; the test kills that process.

- fetch & verify, on a prefork worker: the pool process running the job is killed after the registry read
  and the signature check, before the case license row is saved. The main process sees its child lost; the
  job is ``acks_late`` + ``reject_on_worker_lost``, so it goes back to the queue and a new pool process does
  it again.
- archiving, on a solo worker: the whole worker is killed while the archive package's files are written and
  its row inserted but not committed. The job is still unacknowledged in Redis; once its visibility timeout
  (5 s in these workers' settings) has passed, a second worker is handed it and archives the case.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from viewflow.workflow.models import Task

from accounts.models import User
from archives.models import ArchivePackage
from archives.storage import archive_storage, package_prefix
from workflows.models import Case, CaseLicense

from .driving import Actor, archived_case, wait_until
from .servers import EMPLOYMENT_ITEM, FAULT_WORKER_SETTINGS, start_worker, worker_env

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _paused_pid(flags: Path, point: str, worker) -> int:
    flag = flags / f"{point}.paused"
    wait_until(
        lambda: flag.exists() and flag.read_text().strip(),
        timeout=90,
        what=f"a job to reach the pause point {point}",
        worker=worker,
    )
    return int(flag.read_text())


def _fault_worker(e2e, *, queue: str, point: str, flags: Path, name: str, pool: str):
    env = worker_env(
        e2e,
        queue=queue,
        DJANGO_SETTINGS_MODULE=FAULT_WORKER_SETTINGS,
        MZB_PAUSE_AT=point,
        MZB_PAUSE_DIR=str(flags),
    )
    worker = start_worker(e2e, queue=queue, name=name, env=env, pool=pool)
    worker.wait_ready()
    return worker


def _tasks(pk: int, node: str):
    return Task.objects.filter(process_id=pk, flow_task__endswith=f".{node}")


def test_a_worker_killed_in_the_middle_of_fetch_and_verify_has_the_job_done_again_once(e2e):
    queue, flags = f"{e2e.queue}-kill-fetch", e2e.tmp / "pause-fetch"
    flags.mkdir()
    worker = _fault_worker(e2e, queue=queue, point="fetch", flags=flags, name="kill-fetch", pool="prefork")
    try:
        zhangsan = Actor(User.objects.get(username="zhangsan"), worker=worker)
        with e2e.sending_to(queue):
            pk = zhangsan.apply(EMPLOYMENT_ITEM, {"employment_status": "创业"})["id"]
            zhangsan.consent(pk, accept=True)
            pid = _paused_pid(flags, "fetch", worker)
            assert pid != worker.process.pid, "the job should run in a pool process, not the main one"
            # the registry has answered and the signature is checked; nothing of it is saved yet
            row = CaseLicense.objects.get(case_id=pk, license_type__name="居民身份证")
            assert row.fetch_state == "pending" and row.attempts == 0
            os.kill(pid, signal.SIGKILL)
            status = zhangsan.wait_for(pk, "filling", timeout=60)
        assert "signal 9" in worker.log() or "SIGKILL" in worker.log(), worker.tail()
    finally:
        worker.stop()

    assert status["state"] == "filling"
    row.refresh_from_db()
    assert row.fetch_state == "verified" and row.verified and row.report["result"] == "valid", row.report
    assert row.attempts == 1, "the killed try saved nothing; the delivery after it is the one try recorded"
    assert CaseLicense.objects.filter(case_id=pk, license_type__name="居民身份证").count() == 1
    fetch = _tasks(pk, "fetch")
    assert [t.status for t in fetch] == ["DONE"], list(fetch.values_list("status", flat=True))
    assert _tasks(pk, "fill").count() == 1  # the step after it was created once
    case = Case.objects.get(pk=pk)
    assert case.events.filter(action="licenses_verified").count() == 1
    assert case.events.filter(action="form_prefilled").count() <= 1


def test_a_worker_killed_while_archiving_has_the_case_archived_once_by_another_worker(e2e):
    queue, flags = f"{e2e.queue}-kill-archive", e2e.tmp / "pause-archive"
    flags.mkdir()
    first = _fault_worker(e2e, queue=queue, point="archive", flags=flags, name="kill-archive-1", pool="solo")
    second = None
    try:
        lisi = Actor(User.objects.get(username="lisi"), worker=first)
        with e2e.sending_to(queue):
            pk = lisi.apply(EMPLOYMENT_ITEM, {"employment_status": "创业"})["id"]
            lisi.consent(pk, accept=True)
            lisi.wait_for(pk, "filling", timeout=90)
            lisi.upload_missing(pk)
            lisi.submit(pk)
            pid = _paused_pid(flags, "archive", first)
            assert pid == first.process.pid  # a solo worker runs the job itself: the whole worker is killed
            number = Case.objects.get(pk=pk).number
            os.kill(pid, signal.SIGKILL)
            first.process.wait(timeout=10)
            # nothing of the killed job's transaction is visible: no package row, the case not archived
            assert not ArchivePackage.objects.filter(case_number=number).exists()
            assert Case.objects.get(pk=pk).archive_package_id is None
            second = _fault_worker(
                e2e, queue=queue, point="archive", flags=flags, name="kill-archive-2", pool="solo"
            )
            lisi.worker = second
            lisi.wait_for(pk, "archived", timeout=60)
    finally:
        first.stop()
        if second is not None:
            second.stop()

    case = archived_case(pk)  # and its package passes 四性检测
    packages = ArchivePackage.objects.filter(case_number=case.number)
    assert packages.count() == 1 and case.archive_package_id == packages.get().pk
    assert case.events.filter(action="archived").count() == 1
    assert [t.status for t in _tasks(pk, "archive")] == ["DONE"]
    assert case.issued_license is not None
    assert case.issued_license.license.holder_code == User.objects.get(username="lisi").holder_code
    # no file of the killed attempt is left beside the package: its folder holds the package's files only
    package = packages.get()
    stored = _walk(archive_storage(), package_prefix(package.package_id))
    assert len(stored) == package.file_count, sorted(stored)


def _walk(storage, prefix: str) -> set[str]:
    folders, files = storage.listdir(prefix)
    found = {f"{prefix}/{name}" for name in files}
    for folder in folders:
        found |= _walk(storage, f"{prefix}/{folder}")
    return found
