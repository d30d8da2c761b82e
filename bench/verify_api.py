"""Bench: the public verify API on gunicorn (2 workers) under wrk (32 connections on loopback).

    .venv/bin/python bench/verify_api.py                 # 10 s per wrk run
    .venv/bin/python bench/verify_api.py --seconds 1 --clients 4

In one run, on the same gunicorn server (project WSGI app, bench_settings: the project's settings plus one URL):
  floor   — GET /bench/trivial: a trivial Django view behind the full middleware stack
  verify  — GET /api/v1/verify/<identifier>?c=<code>: the public verification (verify_license, the code check,
            one hash-chained access-log entry, the throttle in Redis)
wrk runs the floor before and after the verify run; the floor is their mean. Requests/s, p50 and p99 latency
from wrk's --latency; any non-2xx answer fails the bench. Database: PostgreSQL at BENCH_DATABASE_URL
(default postgres://postgres@127.0.0.1:5432/bench_db; a test database is created and dropped), else SQLite.
Database connections persist (DATABASE_CONN_MAX_AGE=60 as in docs/operations.md; BENCH_CONN_MAX_AGE=0 to
measure one connection per request). Cache (throttle): Redis at BENCH_CACHE_URL (default redis://127.0.0.1:6379/8), flushed before the run.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from results import record  # noqa: E402

WRK = shutil.which("wrk") or "/usr/bin/wrk"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


def postgres_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


def wrk(url: str, *, seconds: float, clients: int) -> dict:
    out = subprocess.run(
        [
            WRK,
            "-t2",
            f"-c{clients}",
            "-H",
            "X-Forwarded-Proto: https",
            f"-d{max(1, round(seconds))}s",
            "--latency",
            "--timeout",
            "10s",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout

    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "errors": errors.group(0) if errors else "",
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not Path(WRK).exists():
        raise SystemExit("wrk is missing: bash scripts/system-deps.sh --bench (Debian package wrk)")

    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_db")
    tmp = tempfile.mkdtemp(prefix="mzb-verify-api-")
    if not database_url.startswith("postgres") or not postgres_reachable():
        database_url = f"sqlite:///{tmp}/bench.sqlite3"
    cache_url = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/8")
    kek = "bench-" + os.urandom(16).hex()
    os.environ.update(
        DATABASE_URL=database_url,
        CACHE_URL=cache_url,
        SEAL_KEY_ENCRYPTION_KEY=kek,
        DJANGO_SETTINGS_MODULE="bench_settings",
        MEDIA_ROOT=f"{tmp}/media",
    )
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)
    from django.core.cache import cache
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    server = None
    try:
        from licenses_verify import setup_licenses

        _issuer, _type, versions = setup_licenses("ecdsa-p256-sha256", 1)
        version = versions[0]
        connection.close()
        cache.clear()
        served_url = (
            database_url.rsplit("/", 1)[0] + "/" + test_name
            if database_url.startswith("postgres")
            else f"sqlite:///{test_name}"
        )
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": served_url,
            "PYTHONPATH": f"{ROOT}:{ROOT / 'bench'}",
            "SECRET_KEY": "bench-" + os.urandom(24).hex(),
            "DEBUG": "0",
            # as in production behind the TLS-terminating proxy: it says the request came over HTTPS
            "SECURE_PROXY_SSL_HEADER_ENABLED": "1",
            # persistent database connections, as docs/operations.md has production run (default 0: one
            # new PostgreSQL connection per request)
            "DATABASE_CONN_MAX_AGE": os.environ.get("BENCH_CONN_MAX_AGE", "60"),
            "LOG_LEVEL": "WARNING",
        }
        server = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "--workers",
                str(args.workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "project.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(f"{tmp}/gunicorn.log", "w"),
        )
        base = f"http://127.0.0.1:{port}"
        trivial_url = f"{base}/bench/trivial"
        verify_url = f"{base}/api/v1/verify/{version.identifier}?c={version.verification_code}"
        deadline = time.monotonic() + 30
        while True:
            try:
                get(trivial_url)
                break
            except OSError as error:
                if time.monotonic() > deadline or server.poll() is not None:
                    log = Path(f"{tmp}/gunicorn.log").read_text()[-2000:]
                    raise SystemExit(f"gunicorn did not answer ({error}):\n{log}") from error
                time.sleep(0.3)
        import json

        answer = json.loads(get(verify_url))
        assert answer.get("valid") is True and answer.get("code_accepted") is True, answer
        for _ in range(20):  # warm both workers
            get(verify_url)
        print(
            f"gunicorn {args.workers} workers on 127.0.0.1:{port}; wrk 2 threads, {args.clients} connections, "
            f"{args.seconds:.0f} s per run; database {connection.vendor} (CONN_MAX_AGE "
            f"{env['DATABASE_CONN_MAX_AGE']}); cache {cache_url}"
        )
        runs = {}
        for label, url in (("floor", trivial_url), ("verify", verify_url), ("floor2", trivial_url)):
            runs[label] = result = wrk(url, seconds=args.seconds, clients=args.clients)
            print(
                f"  {label:<7} {result['rps']:>9,.0f} req/s  p50 {result['p50']:7.1f} ms  p99 {result['p99']:7.1f} ms  "
                f"({result['requests']:,} requests, non-2xx {result['non_2xx']}) {result['errors']}"
            )
            if result["non_2xx"]:
                raise SystemExit(f"{label}: {result['non_2xx']} answers were not 2xx")
        floor_rps = (runs["floor"]["rps"] + runs["floor2"]["rps"]) / 2
        verify = runs["verify"]
        ratio = verify["rps"] / floor_rps
        print(f"  verify / trivial view: {ratio:.2f}")
        record(
            part=f"public verify API on gunicorn ({args.workers} workers, {args.clients} clients, {connection.vendor})",
            figure=f"{verify['rps']:,.0f} req/s, p50 {verify['p50']:.1f} ms, p99 {verify['p99']:.1f} ms",
            floor=(
                f"trivial Django view {floor_rps:,.0f} req/s, p50 {runs['floor']['p50']:.1f} ms, "
                f"p99 {runs['floor']['p99']:.1f} ms"
            ),
            ratio=ratio,
            note=(
                "each verification: verify_license (2 signatures, 2 queries), the code check, one hash-chained "
                "access-log entry (the log's head row is locked: entries are serialised) and the Redis throttle; "
                "wrk and the 2 workers share the 2 cores"
            ),
        )
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        connection.close()
        connection.settings_dict["NAME"] = test_name
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
