"""Two real instances of this project on loopback for the interoperability test: each node is
``manage.py runserver --noreload`` in a subprocess with its own database (SQLite files in a temp
directory, or — when the suite runs on PostgreSQL — two databases created and dropped here), its own
region and its own seal-key encryption key. ``TamperingProxy`` sits between node A and node B."""

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import requests

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "two-nodes-" + secrets.token_hex(4)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, *, timeout: float, what: str, interval: float = 0.05):
    """Poll ``predicate`` until it returns a truthy value (waiting on state, not a fixed sleep)."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        threading.Event().wait(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}; last value {last!r}")


class Databases:
    """SQLite files in ``tmp``, or PostgreSQL databases named after the suite's database."""

    def __init__(self, tmp: Path, suite_db: dict):
        self.tmp = tmp
        self.postgres = suite_db["ENGINE"].endswith("postgresql")
        self.suite_db = suite_db
        self.created: list[str] = []

    def url(self, name: str) -> str:
        if not self.postgres:
            return f"sqlite:///{self.tmp / (name + '.sqlite3')}"
        db = f"{self.suite_db['NAME']}_{name}"
        self._admin(f'DROP DATABASE IF EXISTS "{db}"', f'CREATE DATABASE "{db}"')
        self.created.append(db)
        user, host, port = (
            self.suite_db.get("USER") or "postgres",
            self.suite_db.get("HOST") or "127.0.0.1",
            self.suite_db.get("PORT") or 5432,
        )
        password = self.suite_db.get("PASSWORD") or ""
        return f"postgres://{user}{':' + password if password else ''}@{host}:{port}/{db}"

    def _admin(self, *statements: str) -> None:
        import psycopg

        db = self.suite_db
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

    def drop_all(self) -> None:
        for db in self.created:
            self._admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


class Node:
    def __init__(self, *, name: str, code: str, region: str, database_url: str, tmp: Path):
        self.name, self.code, self.region, self.tmp = name, code, region, tmp
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "MZB_NODE_CODE": code,
            "MZB_NODE_NAME": name,
            "MZB_NODE_REGIONS": region,
            "SEAL_KEY_ENCRYPTION_KEY": secrets.token_hex(16),
            "DEBUG": "0",
            "STATIC_MANIFEST": "0",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DEMO_PASSWORD": PASSWORD,
            "GATEWAY_BACKOFF_SECONDS": "0.05",
            "GATEWAY_BREAKER_THRESHOLD": "3",
            "GATEWAY_BREAKER_RESET_SECONDS": "1",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
        self.server: subprocess.Popen | None = None

    def manage(self, *args: str, env: dict | None = None) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    @staticmethod
    def finish(process: subprocess.Popen, timeout: float = 60) -> str:
        out, err = process.communicate(timeout=timeout)
        if process.returncode != 0:
            raise AssertionError(f"{process.args} exited {process.returncode}:\n{out}\n{err}")
        return out

    def start(self) -> None:
        log = open(self.tmp / f"{self.code}-server.log", "ab")  # noqa: SIM115 - closed with the process
        self.server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_until(self.healthy, timeout=30, what=f"node {self.code} to answer")

    def healthy(self) -> bool:
        if self.server is not None and self.server.poll() is not None:
            raise AssertionError(
                f"node {self.code} exited: {(self.tmp / f'{self.code}-server.log').read_text()[-2000:]}"
            )
        try:
            return requests.get(self.base + "/api/v1/registry/node", timeout=1).json().get("status") == "ok"
        except (requests.RequestException, ValueError):
            return False

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            self.server.wait(timeout=10)
        self.server = None

    def api(self, method: str, path: str, *, user: str, **kwargs) -> requests.Response:
        return requests.request(method, self.base + path, auth=(user, PASSWORD), timeout=30, **kwargs)


class TamperingProxy:
    """A loopback HTTP proxy in front of node B. Modes: ``pass`` (forward), ``tamper`` (change a face
    field in registry answers), ``hang`` (accept and never answer). Upstream refused → 502."""

    def __init__(self, upstream_port: int):
        self.upstream_port = upstream_port
        self.mode = "pass"
        self.release = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if proxy.mode == "hang":
                    proxy.release.wait(timeout=30)
                    self.close_connection = True
                    return
                try:
                    upstream = http.client.HTTPConnection("127.0.0.1", proxy.upstream_port, timeout=10)
                    headers = {
                        k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")
                    }
                    upstream.request(self.command, self.path, body=body or None, headers=headers)
                    answer = upstream.getresponse()
                    status, content, content_type = (
                        answer.status,
                        answer.read(),
                        answer.getheader("Content-Type", ""),
                    )
                    upstream.close()
                except OSError:
                    status, content, content_type = 502, b'{"title": "bad gateway"}', "application/json"
                if proxy.mode == "tamper" and "/registry/" in urlparse(self.path).path and status == 200:
                    data = json.loads(content)
                    data["document"]["face"] = {**data["document"].get("face", {}), "sex": "女"}
                    content = json.dumps(data, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = _forward

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
