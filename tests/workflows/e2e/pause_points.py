"""Test-only pause points, imported by the workers of the worker-kill tests (``fault_worker_settings``).

``MZB_PAUSE_AT`` names one point; the first job to reach it writes its process id to
``$MZB_PAUSE_DIR/<point>.paused`` and then waits there — the test reads the file and kills that process
with SIGKILL, so the kill lands at the same place every run. A job reaching the point when the file exists
(the job delivered again after the kill) goes on without pausing. Nothing changes what a job does: the
wrapped functions are called as they are and their results returned unchanged.

Points:
- ``fetch``: inside the fetch & verify step, after a license was read from the registry and its
  signature verified, before the case license row is saved;
- ``archive``: inside the archiving step, after the package's files are written and its row inserted,
  before the transaction that records it commits.
"""

import os
import time
from pathlib import Path

POINT = os.environ.get("MZB_PAUSE_AT", "")
FLAGS = Path(os.environ.get("MZB_PAUSE_DIR", "/nonexistent"))
HOLD_SECONDS = 120  # a pause nobody killed ends the job with an error rather than hanging the worker


def pause(point: str) -> None:
    if point != POINT:
        return
    try:
        fd = os.open(FLAGS / f"{point}.paused", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return  # delivered again: go on
    os.write(fd, str(os.getpid()).encode())
    os.close(fd)
    time.sleep(HOLD_SECONDS)
    raise RuntimeError(f"pause point {point} was not killed within {HOLD_SECONDS}s")


def _install() -> None:
    from workflows.services import archiving, fetching

    verify, build = fetching.gateway.verify, archiving.create_archive_package

    def verify_then_pause(*args, **kwargs):
        result = verify(*args, **kwargs)
        pause("fetch")
        return result

    def build_then_pause(*args, **kwargs):
        package = build(*args, **kwargs)
        pause("archive")
        return package

    fetching.gateway.verify = verify_then_pause
    archiving.create_archive_package = build_then_pause


if POINT:
    _install()
