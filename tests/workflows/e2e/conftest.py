"""A committed demo world and one real Celery worker, shared by every end-to-end case test in this package.

The in-process case tests (``tests/workflows/conftest.py``) keep their world inside a transaction that is
rolled back; a worker in another process cannot see that. Here the demo (catalog, accounts, licenses,
rules, forms, staff — no demo cases) is committed into the pytest-django test database, a worker
subprocess (``celery -A project worker --pool=solo``) is started against that database and a Redis queue
of its own, and this process's Celery app sends its jobs there. Both processes share MEDIA_ROOT and
CASE_UPLOAD_ROOT. At the end the worker is stopped, the database flushed (later test modules find it
empty, as after any transactional test) and every setting and the Celery app's configuration restored.

Tests here take no ``django_db`` mark (a transactional test would flush the world after the first test):
the autouse ``committed_db`` fixture lets them use the database in autocommit mode instead.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import secrets
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
import redis
import requests
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
WORKER_SETTINGS = "tests.workflows.e2e.worker_settings"
# what the worker and this process agree on (the worker reads them from its environment)
CASE_SETTINGS = {
    "CASE_FETCH_RETRY_SECONDS": "0.5",  # a registry that does not answer is tried again soon …
    "CASE_FETCH_RETRY_MAX_SECONDS": "2",  # … and the backoff stays short
    "CASE_FETCH_MAX_ATTEMPTS": "30",
    "GATEWAY_BACKOFF_SECONDS": "0.05",
    "GATEWAY_BREAKER_THRESHOLD": "3",
    "GATEWAY_BREAKER_RESET_SECONDS": "1",
}


def database_url(db: dict, name: str | None = None) -> str:
    user, password = db.get("USER") or "postgres", db.get("PASSWORD") or ""
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{user}{':' + password if password else ''}@{host}:{port}/{name or db['NAME']}"


def _admin(db: dict, *statements: str) -> None:
    import psycopg

    with psycopg.connect(
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db.get("USER") or "postgres",
        password=db.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        for statement in statements:
            conn.execute(statement)


def load_world() -> None:
    """The demo without its cases: what an applicant and a handler find on a fresh installation."""
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


class Worker:
    """``celery -A project worker`` in a subprocess, logging to a file the tests read."""

    def __init__(self, *, queue: str, env: dict, log_path: Path, name: str | None = None, pool: str = "solo"):
        self.queue, self.env, self.log_path = queue, env, log_path
        self.name, self.pool = name or queue, pool
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        log = open(self.log_path, "ab")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "project",
                "worker",
                f"--pool={self.pool}",
                *(["--concurrency=1"] if self.pool == "prefork" else []),
                "-Q",
                self.queue,
                "-l",
                "info",
                "-n",
                f"{self.name}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--prefetch-multiplier=1",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def tail(self, chars: int = 4000) -> str:
        return self.log()[-chars:]

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(
                    f"the Celery worker exited with {self.process.returncode}:\n{self.tail()}"
                )
            if " ready." in self.log():
                return
            time.sleep(0.1)
        raise AssertionError(f"the Celery worker was not ready after {timeout}s:\n{self.tail()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # warm shutdown: the job at hand finishes, unacknowledged ones go back to Redis
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def _rewire(app, **conf) -> None:
    """Change the Celery app's configuration and drop what it cached from the old one (broker connections,
    queues, router), so the next job is sent with the new settings."""
    app.conf.update(**conf)
    app._pool = None  # kombu keeps one pool per broker address; the app just stops pointing at the old one
    app.__dict__.pop("amqp", None)


@dataclass
class E2E:
    queue: str
    hold_queue: str
    tmp: Path
    worker: Worker
    database_url: str
    node_db_url: str

    @contextlib.contextmanager
    def steps_held(self):
        """Jobs this process sends meanwhile go to a queue no worker consumes (the test runs them itself)."""
        with self.sending_to(self.hold_queue):
            yield

    @contextlib.contextmanager
    def sending_to(self, queue: str):
        """Jobs this process sends meanwhile go to ``queue`` (consumed by workers a test starts itself);
        the queue is removed from Redis afterwards."""
        from project.celery import app

        _rewire(app, task_default_queue=queue)
        try:
            yield
        finally:
            _rewire(app, task_default_queue=self.queue)
            if queue != self.hold_queue:
                _forget_queues(queue)


def _clone_migrated_database(db: dict, name: str) -> str:
    """A database for the partner node, copied from the freshly migrated (still empty) test database: a
    second ``migrate`` would cost far longer. Needs every connection to the test database closed."""
    connections.close_all()
    _admin(db, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}" TEMPLATE "{db["NAME"]}"')
    return database_url(db, name)


def _test_database(django_db_blocker, keepdb: bool):
    """The pytest-django test database. pytest-django creates it only for the databases that collected tests
    ask for through a ``django_db`` mark or the ``db`` fixtures, which these tests must not use; when no
    other selected test asked for it, it is created here (and destroyed at the end)."""
    from django.test.utils import setup_databases, teardown_databases

    if connection.settings_dict["NAME"] == connection.creation._get_test_db_name():
        return contextlib.nullcontext()
    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"}, keepdb=keepdb)

    def teardown():
        if not keepdb:
            with django_db_blocker.unblock():
                connections.close_all()
                teardown_databases(config, verbosity=0)

    stack = contextlib.ExitStack()
    stack.callback(teardown)
    return stack


@pytest.fixture(scope="package")
def e2e(django_db_setup, django_db_blocker, django_db_keepdb, django_db_createdb, tmp_path_factory):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.fail(f"the end-to-end case tests need Redis at {REDIS_URL} (.ci/run starts it): {error}")
    from project.celery import app

    with _test_database(django_db_blocker, keepdb=django_db_keepdb and not django_db_createdb):
        yield from _world_and_worker(django_db_blocker, tmp_path_factory, app)


def _world_and_worker(django_db_blocker, tmp_path_factory, app):
    tmp = tmp_path_factory.mktemp("cases-e2e")
    media, uploads = tmp / "media", tmp / "uploads"
    queue = f"mzb-e2e-{uuid.uuid4().hex[:10]}"
    db = connection.settings_dict
    node_db = f"{db['NAME']}_node_gs"
    saved_conf = {
        key: app.conf[key]
        for key in ("task_always_eager", "broker_url", "task_default_queue", "result_backend")
    }
    env = {
        **os.environ,
        **CASE_SETTINGS,
        "DATABASE_URL": database_url(db),
        "DJANGO_SETTINGS_MODULE": WORKER_SETTINGS,
        "MZB_E2E_QUEUE": queue,
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_RESULT_BACKEND": REDIS_URL,
        "MEDIA_ROOT": str(media),
        "CASE_UPLOAD_ROOT": str(uploads),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("CACHE_URL", None)
    worker = Worker(queue=queue, env=env, log_path=tmp / "worker.log")
    overrides = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        CELERY_TASK_ALWAYS_EAGER=False,
        MEDIA_ROOT=media,
        CASE_UPLOAD_ROOT=uploads,
        CASE_FETCH_RETRY_SECONDS=0.5,
        CASE_FETCH_RETRY_MAX_SECONDS=2.0,
        CASE_FETCH_MAX_ATTEMPTS=30,
        GATEWAY_BACKOFF_SECONDS=0.05,
        GATEWAY_BREAKER_THRESHOLD=3,
        GATEWAY_BREAKER_RESET_SECONDS=1.0,
    )
    with contextlib.ExitStack() as cleanup:
        # undone in reverse order, each step even when an earlier one failed
        overrides.enable()
        cleanup.callback(overrides.disable)
        cleanup.callback(cache.clear)
        cache.clear()
        with django_db_blocker.unblock():
            node_db_url = _clone_migrated_database(db, node_db)
        cleanup.callback(_drop_database, db, node_db)
        cleanup.callback(_flush, django_db_blocker)
        cleanup.callback(_forget_queues, queue)
        cleanup.callback(_rewire, app, **saved_conf)
        cleanup.callback(worker.stop)
        worker.start()  # it starts up while the world is loaded
        _rewire(
            app, task_always_eager=False, broker_url=REDIS_URL, task_default_queue=queue, result_backend=None
        )
        app.set_current()  # shared_task proxies send through the current app; another test may have made its own current
        with django_db_blocker.unblock():
            load_world()
        worker.wait_ready()
        yield E2E(
            queue=queue,
            hold_queue=f"{queue}-held",
            tmp=tmp,
            worker=worker,
            database_url=database_url(db),
            node_db_url=node_db_url,
        )


def _flush(django_db_blocker) -> None:
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
        connections.close_all()


def _drop_database(db: dict, name: str) -> None:
    _admin(db, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _forget_queues(queue: str) -> None:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    names = (queue, f"{queue}-held")
    client.delete(
        *names,
        *(f"{prefix}.{name}" for name in names for prefix in ("_kombu.binding", "_kombu.binding_permanent")),
    )


@pytest.fixture(autouse=True)
def committed_db(e2e, django_db_blocker):
    """Database access in autocommit mode: what a test writes, the worker sees."""
    with django_db_blocker.unblock():
        yield
        connections.close_all()


@contextlib.contextmanager
def _environ(values: dict):
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="package")
def gansu(e2e, django_db_blocker):
    """Partner node B (甘肃 620000) as a real ``runserver`` on loopback with its own database, registered in
    the test database (node A) with exchange tokens and its trust list, as operators would do it."""
    from tests.licenses.sharing.nodes import Node

    node = Node(
        name="甘肃省电子证照库", code="gs", region="620000", database_url=e2e.node_db_url, tmp=e2e.tmp
    )
    tokens = {"MZB_E2E_A_TO_B": secrets.token_urlsafe(32), "MZB_E2E_B_TO_A": secrets.token_urlsafe(32)}
    try:
        setup = json.loads(Node.finish(node.manage("setup_node"), timeout=180).strip().splitlines()[-1])
        Node.finish(
            node.manage(
                "partner_node",
                "add",
                "--code",
                "qh",
                "--name",
                "青海省电子证照库",
                "--base-url",
                "http://127.0.0.1:9/",
                "--regions",
                "630000",
                "--outbound-token-env",
                "MZB_E2E_B_TO_A",
                "--inbound-token-env",
                "MZB_E2E_A_TO_B",
                env=tokens,
            ),
            timeout=120,
        )
        node.start()
        with django_db_blocker.unblock(), _environ(tokens):
            out = io.StringIO()
            call_command(
                "partner_node",
                "add",
                "--code",
                "gs",
                "--name",
                node.name,
                "--base-url",
                node.base + "/",
                "--regions",
                "620000",
                "--connect-timeout",
                "0.5",
                "--read-timeout",
                "1.5",
                "--retries",
                "1",
                "--outbound-token-env",
                "MZB_E2E_A_TO_B",
                "--inbound-token-env",
                "MZB_E2E_B_TO_A",
                stdout=out,
            )
            # the fingerprint operators compare out of band, read from B directly
            fingerprint = requests.get(node.base + "/api/v1/registry/node", timeout=5).json()[
                "trust_list_sha256"
            ]
            call_command(
                "partner_node", "import-trust-list", "--code", "gs", "--sha256", fingerprint, stdout=out
            )
        yield SimpleNamespace(node=node, identifier=setup["liming_id_card"], type_code=setup["id_type_code"])
    finally:
        node.stop()


@pytest.fixture(autouse=True)
def _files_in_a_temporary_folder():
    """Overrides the suite's per-test media folder: here the test process and the worker must share the package's
    folders (set with the committed world above), or the test could not read the archives the worker wrote."""
    yield
