"""A partner registry node stopped during 200 submissions (issue 12, fault tests): while it is down every
case waits and its applicant sees "等待证照核验"; once it is back every case's licence is fetched and verified
from it — none lost (fallen back to upload, or stuck), none done twice.

李明's 居民身份证 is served by partner node B (甘肃, a real ``runserver`` on loopback). He applies 200 times for
就业创业证 through two gunicorn servers and consents; two workers, sharing one circuit breaker per node through
the Redis cache, try B, find it down and retry with backoff. B is started again and the waiting ends."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db.models import Count
from viewflow.workflow.models import Task

from workflows.models import CaseEvent, CaseLicense

from .driving import wait_until
from .servers import DEMO_PASSWORD, EMPLOYMENT_ITEM, HttpActor, case_states, cluster, wait_for_states
from .test_registry_node_restarts_mid_case import _liming

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

SUBMISSIONS = int(os.environ.get("MZB_NODE_DOWN_CASES", "200"))  # fewer only to try the test out
CLIENTS = 8
# the case gives up on a registry after CASE_FETCH_MAX_ATTEMPTS tries; high enough here that the outage
# never makes a case fall back to upload — what is tested is that nothing is lost while it waits. The backoff
# (1 s doubling up to 5 s) keeps 200 waiting cases from filling two cores with retries.
WAITING = {
    "CASE_FETCH_MAX_ATTEMPTS": "1000",
    "CASE_FETCH_RETRY_SECONDS": "1",
    "CASE_FETCH_RETRY_MAX_SECONDS": "5",
}


def test_a_registry_node_stopped_during_200_submissions_every_case_finishes_once_after_it_returns(e2e, gansu):
    liming = _liming()
    liming.set_password(DEMO_PASSWORD)
    liming.save()
    started = time.monotonic()
    with cluster(e2e, "node-down", **WAITING) as apps:
        gansu.node.stop()
        try:

            def submit(i: int) -> int:
                actor = HttpActor("liming", apps.bases[i % 2 :] + apps.bases[: i % 2])
                case = actor.apply(EMPLOYMENT_ITEM, {"employment_status": "创业"})
                actor.consent(case["id"])
                return case["id"]

            with ThreadPoolExecutor(CLIENTS) as pool:
                pks = list(pool.map(submit, range(SUBMISSIONS)))
            assert len(set(pks)) == SUBMISSIONS

            def all_tried():
                rows = CaseLicense.objects.filter(case_id__in=pks, license_type__name="居民身份证")
                return rows.filter(fetch_state="waiting").count() == SUBMISSIONS

            wait_until(all_tried, timeout=150, what="every case to have tried the stopped node", interval=0.5)
            # the applicant sees each case waiting for the registry, on either server
            with ThreadPoolExecutor(CLIENTS) as pool:
                statuses = list(pool.map(lambda pk: HttpActor("liming", apps.bases).status(pk), pks))
            for status in statuses:
                assert status["state"] == "verifying" and "等待证照核验" in status["activity"], status
                row = next(r for r in status["licenses"] if r["name"] == "居民身份证")
                assert row["fetch_state"] == "waiting", row
            assert set(case_states(pks).values()) == {"verifying"}
            down_for = time.monotonic() - started
        finally:
            gansu.node.start()
        wait_for_states(
            pks, {"filling"}, timeout=240, workers=apps.workers, what="every case to finish fetching"
        )
    elapsed = time.monotonic() - started
    print(
        f"\nregistry node down: {SUBMISSIONS} cases waited {down_for:.1f}s, all verified after {elapsed:.1f}s"
    )

    rows = CaseLicense.objects.filter(case_id__in=pks, license_type__name="居民身份证")
    assert rows.count() == SUBMISSIONS
    assert rows.filter(fetch_state="verified", verified=True, source="gs").count() == SUBMISSIONS, list(
        rows.exclude(fetch_state="verified").values("case_id", "fetch_state", "fallback_reason")[:5]
    )
    assert rows.filter(attempts__lt=2).count() == 0  # each tried the stopped node before it came back
    assert rows.filter(identifier=gansu.identifier).count() == SUBMISSIONS
    verified = CaseEvent.objects.filter(case_id__in=pks, action="licenses_verified")
    per_case = verified.values("case_id").annotate(n=Count("id"))
    assert len(per_case) == SUBMISSIONS and {row["n"] for row in per_case} == {1}
    fetches = Task.objects.filter(process_id__in=pks, flow_task__endswith=".fetch")
    assert fetches.count() == SUBMISSIONS and set(fetches.values_list("status", flat=True)) == {"DONE"}
    fills = Task.objects.filter(process_id__in=pks, flow_task__endswith=".fill")
    assert fills.count() == SUBMISSIONS
