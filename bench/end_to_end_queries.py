"""Queries per stage of one instant case (婚姻登记), the stages of bench/end_to_end.py, counted with
django.test.utils.CaptureQueriesContext: what each stage reads and writes, and how many transactions it commits.

    .venv/bin/python bench/end_to_end_queries.py            # one warm case
    .venv/bin/python bench/end_to_end_queries.py --top 20   # and the 20 statements run most often

A stage's queries run from the event that starts it to the event that ends it (the case's own log, as the
timings are read); whatever runs outside every stage (starting the case before its number, answering the
consent, uploading, the last step and the 四性检测 after the archive) is "between stages". Counts only.
"""

import argparse
import collections
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="mzb-e2e-queries-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
os.environ["MEDIA_ROOT"] = f"{WORKDIR}/media"
os.environ.setdefault("DEBUG", "1")  # the demo keys (as bench/end_to_end.py)
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.pop("CELERY_BROKER_URL", None)

MARRIAGE = "630000-MZ-0001"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--top", type=int, default=0, help="also list the statements run most often")
    args = parser.parse_args()
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.db.models.signals import post_save
    from django.test.utils import CaptureQueriesContext

    settings.CASE_UPLOAD_ROOT = Path(WORKDIR) / "uploads"
    call_command("migrate", verbosity=0)
    sys.path.insert(0, str(ROOT / "tests"))
    from tests.workflows.conftest import load_world

    load_world()
    from licenses import demo as license_demo
    from workflows.demo_runner import STAGES, run_case
    from workflows.models import CaseEvent

    answers = {"previously_divorced": False, "partner_id": license_demo.LISI}

    def one_case():
        return run_case(service_code=MARRIAGE, holder_code=license_demo.ZHANGSAN, answers=answers)

    one_case()  # warm up: the demo's system reader, compiled rules, the first document numbers
    marks: list[tuple[str, int]] = []
    reset_queries()  # the log keeps the last 9,000 queries; loading the world filled it
    with CaptureQueriesContext(connection) as captured:

        def mark(sender, instance, created, **kwargs):
            if created and not instance.refused:
                marks.append((instance.action, len(captured.captured_queries)))

        post_save.connect(mark, sender=CaseEvent, weak=False)
        try:
            run = one_case()
        finally:
            post_save.disconnect(mark, sender=CaseEvent)
    assert run.finished and run.check_ok, (run.case.state, run.check_failures)
    queries = [q["sql"] for q in captured.captured_queries]

    def begins(chunk):
        return sum(1 for sql in chunk if sql.startswith("BEGIN"))

    counted = [False] * len(queries)
    print(
        f"one case of {MARRIAGE} on the instant path: {len(queries)} queries, {begins(queries)} transactions"
    )
    print(f"  {'stage':<22}{'queries':>9}{'transactions':>14}")
    for name, starts, ends in STAGES:
        start = 0 if starts is None else next((i for action, i in marks if action in starts), None)
        end = next((i for action, i in marks if action in ends and start is not None and i >= start), None)
        if start is None or end is None:
            continue
        chunk = queries[start:end]
        for i in range(start, end):
            counted[i] = True
        print(f"  {name:<22}{len(chunk):>9}{begins(chunk):>14}")
    rest = [sql for sql, done in zip(queries, counted, strict=True) if not done]
    print(f"  {'(between stages)':<22}{len(rest):>9}{begins(rest):>14}")
    if args.top:
        print(f"\nthe {args.top} statements run most often:")
        for sql, n in collections.Counter(sql[:140] for sql in queries).most_common(args.top):
            print(f"  {n:>3}  {sql}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
