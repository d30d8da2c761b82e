"""Scale-out (issue 12): two app servers (gunicorn, each its own process and port) and two Celery workers
on loopback, sharing one PostgreSQL, one Redis (broker, and the cache that holds throttles and circuit
breakers) and one media folder, run 200 cases to the end through the HTTP API.

The demo applicants 张三 and 李四 each apply for 就业创业证 (instant for a 创业 applicant: the ID card is
fetched and verified, the decision and the licence issued, the case archived). Every request goes to the
next server in turn, so a case is applied for on one server and consented on the other. At the end every
case has finished exactly once: one of each event, one task per step, one of each document, one licence
issued, one archive package — 200 of each, no more, no fewer."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db.models import Count
from viewflow.workflow.models import Task

from archives.models import ArchivePackage
from forms.models import DocumentKind
from workflows.models import Case, CaseDocument, CaseEvent

from .conftest import REDIS_URL
from .servers import APPLICANTS, EMPLOYMENT_ITEM, HttpActor, cluster, wait_for_states

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

CASES_TO_RUN = int(os.environ.get("MZB_SCALE_CASES", "200"))  # fewer only to try the test out
CLIENTS = 8  # concurrent HTTP clients
# The waits are bounds, not expectations: the outcome step renders and seals two PDFs per case, ~1.5 s on a
# quiet core and 7–9 s at a load average of 10 on two shared cores (measured here); 200 of them on two workers.
ONCE_PER_CASE = (
    "created",
    "consent_given",
    "licenses_verified",
    "submitted",
    "approved_instantly",
    "archived",
)


@pytest.fixture(scope="module")
def apps(e2e):
    """Two gunicorn servers and two workers on a queue of their own, one shared Redis cache."""
    with cluster(e2e, "scale") as apps:
        yield apps


def _count_once(pks: list[int], rows, key: str) -> dict:
    """``{value of key: n}`` for rows of the 200 cases that appear other than exactly once."""
    return {row[key]: row["n"] for row in rows if row["n"] != 1}


def test_two_app_servers_and_two_workers_run_200_cases_to_the_end_each_exactly_once(apps):
    servers, workers, bases = apps.servers, apps.workers, apps.bases
    usernames = list(APPLICANTS)
    started = time.monotonic()

    def start(i: int) -> int:
        # a fresh session per case; its first request goes to server i mod 2, the next to the other
        actor = HttpActor(usernames[i % 2], bases[i % 2 :] + bases[: i % 2])
        case = actor.apply(EMPLOYMENT_ITEM, {"employment_status": "创业"})
        assert case["state"] == "awaiting_consent" and case["route"] == "instant", case
        actor.consent(case["id"])
        return case["id"]

    def finish(i_pk: tuple[int, int]) -> None:
        i, pk = i_pk
        actor = HttpActor(usernames[i % 2], bases[(i + 1) % 2 :] + bases[: (i + 1) % 2])
        actor.upload_missing(pk)
        actor.submit(pk)

    with ThreadPoolExecutor(CLIENTS) as pool:
        pks = list(pool.map(start, range(CASES_TO_RUN)))
        assert len(set(pks)) == CASES_TO_RUN
        wait_for_states(pks, {"filling"}, timeout=600, workers=workers, what="every case's licenses verified")
        filled = time.monotonic()
        list(pool.map(finish, enumerate(pks)))
        wait_for_states(pks, {"archived"}, timeout=1500, workers=workers, what="every case archived")
        # each applicant sees each of their cases as archived, asked of either server
        statuses = list(
            pool.map(
                lambda i_pk: HttpActor(usernames[i_pk[0] % 2], [bases[i_pk[0] % 2]]).status(i_pk[1]),
                enumerate(pks),
            )
        )
    elapsed = time.monotonic() - started
    print(
        f"\nscale-out: {CASES_TO_RUN} cases to archived in {elapsed:.1f}s "
        f"(verified after {filled - started:.1f}s) on 2 gunicorn servers and 2 workers"
    )
    assert {s["state"] for s in statuses} == {"archived"}

    cases = Case.objects.filter(pk__in=pks)
    assert cases.count() == CASES_TO_RUN and cases.filter(state="archived").count() == CASES_TO_RUN
    numbers = list(cases.values_list("number", flat=True))
    assert len(set(numbers)) == CASES_TO_RUN

    # every event of the case's path happened once per case
    for action in ONCE_PER_CASE:
        rows = (
            CaseEvent.objects.filter(case_id__in=pks, action=action).values("case_id").annotate(n=Count("id"))
        )
        assert len(rows) == CASES_TO_RUN and not _count_once(pks, rows, "case_id"), (action, len(rows))
    # one task per step of each case, none duplicated
    rows = Task.objects.filter(process_id__in=pks).values("process_id", "flow_task").annotate(n=Count("id"))
    duplicated = [row for row in rows if row["n"] != 1]
    assert not duplicated, duplicated[:10]
    assert Task.objects.filter(process_id__in=pks, flow_task__endswith=".archive", status="DONE").count() == (
        CASES_TO_RUN
    )
    # one decision and one licence face per case
    for kind in (DocumentKind.DECISION, DocumentKind.LICENSE_FACE):
        rows = (
            CaseDocument.objects.filter(case_id__in=pks, kind=kind).values("case_id").annotate(n=Count("id"))
        )
        assert len(rows) == CASES_TO_RUN and not _count_once(pks, rows, "case_id"), kind
    # one licence issued per case, each a licence of its own
    issued = list(cases.values_list("issued_license__license_id", flat=True))
    assert None not in issued and len(set(issued)) == CASES_TO_RUN
    # one archive package per case
    packages = ArchivePackage.objects.filter(case_number__in=numbers)
    assert packages.count() == CASES_TO_RUN
    assert set(cases.values_list("archive_package_id", flat=True)) == set(
        packages.values_list("pk", flat=True)
    )

    # the work was shared: both servers answered requests and both workers ran steps
    served = [server.requests_served() for server in servers]
    assert all(n >= sum(served) * 0.4 for n in served), served
    done = [worker.log().count("workflows.run_step[") for worker in workers]
    assert all(n > 0 for n in done), done
    print(f"scale-out: case API requests per server {served}, run_step log lines per worker {done}")


def test_the_cache_the_servers_share_is_redis_not_process_memory(apps):
    """Throttles and circuit breakers only hold across servers in a shared cache: the servers of this test
    write their throttle counters into Redis under the prefix given to them."""
    import redis

    servers = apps.servers
    prefix = f"{apps.env['CACHE_KEY_PREFIX']}:"
    HttpActor("zhangsan", [servers[0].base]).get("/api/v1/cases/")
    HttpActor("zhangsan", [servers[1].base]).get("/api/v1/cases/")
    keys = redis.Redis.from_url(REDIS_URL).keys(f"{prefix}*throttle*")
    assert keys, f"no throttle key under {prefix} in {REDIS_URL}"
