"""App servers and workers started as production runs them, and people talking to them over real HTTP.

``AppServer`` is ``gunicorn project.wsgi`` in a subprocess on a free loopback port (settings:
``server_settings``); ``HttpActor`` is one demo account talking to the case API with HTTP Basic, each
request sent to the next server in turn, so that a case is applied for on one server, consented on the
other, and so on. The scale-out and fault tests build on these and on the package's committed world
(``conftest.py``)."""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import requests

from licenses import demo as license_demo

from .conftest import ROOT, Worker
from .driving import PDF, default_value, wait_until

CASES = "/api/v1/cases/"
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "mzb-demo-2026")
SERVER_SETTINGS = "tests.workflows.e2e.server_settings"
FAULT_WORKER_SETTINGS = "tests.workflows.e2e.fault_worker_settings"
# what every app server of these tests runs with: plain HTTP on loopback, no collected static manifest
PLAIN_HTTP = {
    "DEBUG": "0",
    "STATIC_MANIFEST": "0",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "SECURE_HSTS_SECONDS": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
}


def free_port() -> int:
    from tests.licenses.sharing.nodes import free_port as _free_port

    return _free_port()


class AppServer:
    """``gunicorn project.wsgi`` with ``workers`` processes of ``threads`` threads each, logging to a file."""

    def __init__(self, *, name: str, env: dict, tmp: Path, workers: int = 2, threads: int = 4):
        self.name, self.env, self.workers, self.threads = name, {**env, **PLAIN_HTTP}, workers, threads
        self.env["DJANGO_SETTINGS_MODULE"] = SERVER_SETTINGS
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp / f"{name}.log"
        self.access_log = tmp / f"{name}.access.log"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> None:
        log = open(self.log_path, "ab")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "project.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--timeout",
                "120",
                "--graceful-timeout",
                "5",
                "--log-level",
                "warning",
                "--error-logfile",
                "-",
                "--access-logfile",
                str(self.access_log),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        wait_until(self.healthy, timeout=timeout, what=f"app server {self.name} to answer", interval=0.2)

    def healthy(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise AssertionError(f"app server {self.name} exited:\n{self.tail()}")
        try:
            return requests.get(self.base + "/api/v1/registry/node", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def requests_served(self, path_part: str = "/api/v1/cases/") -> int:
        """Requests this server answered whose path contains ``path_part`` (from its access log)."""
        try:
            return sum(path_part in line for line in self.access_log.read_text(errors="replace").splitlines())
        except FileNotFoundError:
            return 0

    def tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except FileNotFoundError:
            return ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def worker_env(e2e, *, queue: str, **extra: str) -> dict:
    """The package worker's environment, on another queue (the worker's own follow-up jobs go there too)."""
    return {**e2e.worker.env, "MZB_E2E_QUEUE": queue, **extra}


def start_worker(e2e, *, queue: str, name: str, env: dict | None = None, pool: str = "solo") -> Worker:
    worker = Worker(
        queue=queue,
        env=env or worker_env(e2e, queue=queue),
        log_path=e2e.tmp / f"{name}.log",
        name=name,
        pool=pool,
    )
    worker.start()
    return worker


class HttpActor:
    """One demo account on the case API over HTTP Basic; request ``n`` goes to server ``n mod len(bases)``."""

    def __init__(
        self, username: str, bases: list[str], *, password: str = DEMO_PASSWORD, timeout: float = 60
    ):
        self.username = username
        self.session = requests.Session()
        self.session.auth = (username, password)
        self.bases = itertools.cycle(bases)
        self.timeout = timeout

    def request(self, method: str, path: str, *, expect: int | tuple = 200, **kwargs) -> dict:
        base = next(self.bases)
        response = self.session.request(method, base + path, timeout=self.timeout, **kwargs)
        expected = expect if isinstance(expect, tuple) else (expect,)
        assert response.status_code in expected, (
            f"{self.username}: {method} {base}{path} → {response.status_code} (expected {expect}): "
            f"{response.text[:2000]}"
        )
        return response.json() if response.content else {}

    def get(self, path: str, **kwargs) -> dict:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, json=None, **kwargs) -> dict:
        return self.request("POST", path, json=json if json is not None else {}, **kwargs)

    def apply(self, service_code: str, answers: dict) -> dict:
        return self.post(CASES, {"service_code": service_code, "answers": answers}, expect=201)

    def status(self, pk: int) -> dict:
        return self.get(f"{CASES}{pk}/status/")

    def consent(self, pk: int) -> dict:
        return self.post(f"{CASES}{pk}/consent/", {"accept": True})

    def upload_missing(self, pk: int) -> None:
        for material in self.status(pk)["awaited"].get("missing_uploads", []):
            self.request(
                "POST",
                f"{CASES}{pk}/uploads/",
                expect=201,
                data={"material": material["key"]},
                files={"file": (f"{material['name']}.pdf", PDF, "application/pdf")},
            )

    def submit(self, pk: int) -> dict:
        form = self.get(f"{CASES}{pk}/form/")
        data = {
            f["key"]: default_value(f)
            for f in form.get("fields", [])
            if not f["locked"] and f["value"] in (None, "") and f["required"]
        }
        return self.post(f"{CASES}{pk}/submit/", {"data": data})


def case_states(pks) -> dict[int, str]:
    from workflows.models import Case

    return dict(Case.objects.filter(pk__in=list(pks)).values_list("pk", "state"))


def wait_for_states(pks, states: set[str], *, timeout: float, workers=(), what: str) -> dict[int, str]:
    """Wait (polling the database, not the API: 200 cases polled over HTTP would be most of the load) until
    every case in ``pks`` is in one of ``states``."""
    pks = list(pks)

    def reached():
        current = case_states(pks)
        return current if all(current.get(pk) in states for pk in pks) else None

    try:
        return wait_until(reached, timeout=timeout, what=what, interval=0.5)
    except AssertionError as error:
        current = case_states(pks)
        behind = {pk: s for pk, s in current.items() if s not in states}
        logs = "".join(f"\n--- {w.log_path.name} (end) ---\n{w.tail(2500)}" for w in workers)
        raise AssertionError(
            f"{error}\n{len(behind)} of {len(pks)} not there: {dict(list(behind.items())[:20])}{logs}"
        ) from None


# the demo applicants whose 居民身份证 is in this node's registry (fetched and verified on the instant path)
APPLICANTS = {"zhangsan": license_demo.ZHANGSAN, "lisi": license_demo.LISI}
EMPLOYMENT_ITEM = (
    "630000-RS-0003"  # 就业创业证申领: instant for a 创业 applicant over 30, the ID card fetched
)


def timed(seconds: float):
    """A deadline: ``remaining()`` seconds left, never below 1."""
    end = time.monotonic() + seconds
    return lambda: max(1.0, end - time.monotonic())


@contextlib.contextmanager
def cluster(e2e, name: str, *, servers: int = 2, workers: int = 2, threads: int = 4, **extra: str):
    """``servers`` gunicorn app servers and ``workers`` Celery workers on a queue of their own, sharing the
    test database, one Redis (broker, and the cache under a prefix of their own) and the media folders."""
    from .conftest import REDIS_URL, _forget_queues

    queue = f"{e2e.queue}-{name}"
    env = worker_env(e2e, queue=queue, CACHE_URL=REDIS_URL, CACHE_KEY_PREFIX=queue, **extra)
    apps = [
        AppServer(name=f"{name}-app-{n}", env=env, tmp=e2e.tmp, threads=threads)
        for n in range(1, servers + 1)
    ]
    started: list[Worker] = []
    try:
        for n in range(1, workers + 1):
            started.append(start_worker(e2e, queue=queue, name=f"{name}-worker-{n}", env=env))
        for app in apps:
            app.start()
        for worker in started:
            worker.wait_ready()
        yield SimpleNamespace(
            servers=apps, workers=started, bases=[a.base for a in apps], queue=queue, env=env
        )
    finally:
        for process in (*apps, *started):
            process.stop()
        _forget_queues(queue)
