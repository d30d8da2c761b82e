"""Run as a script: migrate a fresh SQLite file, append to the access log from 6 threads at once, print
``errors=<n> entries=<n> broken=<bool>``. Used by test_concurrent_appends_on_sqlite_queue_instead_of_failing."""

import os
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
os.environ["DJANGO_SETTINGS_MODULE"] = "project.settings"


def main(path: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from licenses.audit import Reader, record_access, verify_chain

    call_command("migrate", verbosity=0)
    errors = []

    def work(n: int) -> None:
        try:
            for i in range(20):
                record_access(reader=Reader(channel="api", purpose=f"{n}-{i}"), result="granted")
        except Exception as error:  # noqa: BLE001 - counted and reported
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    entries, broken = verify_chain()
    print(f"errors={len(errors)} entries={entries} broken={broken is not None}")


if __name__ == "__main__":
    main(sys.argv[1])
