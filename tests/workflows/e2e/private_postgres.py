"""A PostgreSQL cluster of the test's own, to stop and start while the machine's shared server (5432, used by
other test runs and CI) is left alone: ``initdb`` in a temporary folder, ``pg_ctl`` on a free loopback port,
run as the ``postgres`` user when the tests run as root (PostgreSQL refuses to run as root)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg

BIN = Path(os.environ.get("MZB_PG_BIN", "/usr/lib/postgresql/15/bin"))


def available() -> str:
    """Why a private cluster cannot be made here, or an empty string."""
    if not (BIN / "initdb").exists():
        return f"no PostgreSQL server binaries in {BIN} (set MZB_PG_BIN)"
    if os.geteuid() == 0 and not shutil.which("runuser"):
        return "running as root without runuser to start PostgreSQL as postgres"
    return ""


class PrivatePostgres:
    def __init__(self, port: int):
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix="mzb-faults-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")

    def _run(self, *args: str, timeout: float = 120) -> str:
        command = [str(BIN / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.dir)
        if done.returncode != 0:
            raise AssertionError(
                f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
            )
        return done.stdout

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start"
        )

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def running(self) -> bool:
        try:
            with psycopg.connect(self.url("postgres"), connect_timeout=2):
                return True
        except psycopg.OperationalError:
            return False

    def url(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def copy_database(self, source_url: str, name: str) -> str:
        """``pg_dump`` of ``source_url`` (on the shared server) restored here as ``name``."""
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        dump = subprocess.run(
            [str(BIN / "pg_dump"), "--no-owner", "--no-privileges", "-d", source_url],
            capture_output=True,
            timeout=180,
            check=True,
        )
        restore = subprocess.run(
            [str(BIN / "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url(name)],
            input=dump.stdout,
            capture_output=True,
            timeout=180,
        )
        if restore.returncode != 0:
            raise AssertionError(restore.stderr.decode(errors="replace")[-3000:])
        return self.url(name)

    def destroy(self) -> None:
        if self.running():
            try:
                self.stop()
            except AssertionError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)
