"""Run test work in several threads released at the same instant (for locking tests on PostgreSQL)."""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections


def run_at_once(
    calls: list[Callable[[], Any]], *, timeout: float = 60
) -> tuple[list[Any], list[BaseException]]:
    """Start one thread per call, release them together, wait for all; return (results, errors).

    Results and errors are in completion order. Each thread closes its own database connections,
    so the test database can be dropped afterwards.
    """
    start = threading.Barrier(len(calls))
    results: list[Any] = []
    errors: list[BaseException] = []

    def run(call: Callable[[], Any]) -> None:
        try:
            start.wait(timeout=timeout)
            results.append(call())
        except BaseException as error:  # noqa: BLE001 - handed back to the test, which asserts on it
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results, errors
