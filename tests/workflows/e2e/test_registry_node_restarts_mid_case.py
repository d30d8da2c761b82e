"""A registry node that stops answering in the middle of a case makes the case wait, visibly, and the case
goes on by itself once the node is back (issue 9: "a registry node stopped and restarted mid-case").

李明 lives in Qinghai; his 居民身份证 was issued by 甘肃省公安厅 and is served by partner node B (620000), a
real ``runserver`` on loopback with its own database. He applies on this node (A, the test database) for
就业创业证申领; B is stopped before he consents, so the worker's fetch finds it unavailable and retries with
backoff; B is started again and the next try fetches and verifies the card from B."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from accounts.roles import APPLICANT
from catalogs import demo as catalog_demo
from licenses.demo import LIMING_GANSU
from workflows.models import CaseLicense

from .driving import Actor, archived_case, wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

EMPLOYMENT_ITEM = "630000-RS-0003"


def _liming() -> User:
    user, _ = User.objects.get_or_create(
        username="liming",
        defaults={
            "real_name": "李明",
            "holder_code": LIMING_GANSU,
            "holder_code_type": "111",
            "holder_verified_at": timezone.now(),
        },
    )
    user.groups.set([Group.objects.get(name=APPLICANT)])
    return user


def test_a_case_waits_for_a_stopped_registry_node_and_finishes_once_it_is_back(e2e, gansu):
    liming = Actor(_liming(), worker=e2e.worker)
    case = liming.apply(EMPLOYMENT_ITEM, {"employment_status": "创业"})
    pk = case["id"]
    assert case["state"] == "awaiting_consent" and case["route"] == "instant"
    assert liming.license_row(pk, "居民身份证")["fetch_state"] == "pending"

    gansu.node.stop()
    liming.consent(pk, accept=True)

    def waiting():
        status = liming.status(pk)
        row = next(r for r in status["licenses"] if r["name"] == "居民身份证")
        return status if row["fetch_state"] == "waiting" and "等待证照核验" in status["activity"] else None

    status = wait_until(waiting, timeout=60, what="the case to wait for the stopped node", worker=e2e.worker)
    assert status["state"] == "verifying" and status["state_label"] == "核验中"
    assert status["awaited"]["from_applicant"] is False  # the system is the one waiting, and says so
    row = CaseLicense.objects.get(case_id=pk, license_type__code=catalog_demo.license_type("ID").code)
    assert row.gateway_status == "unavailable" and row.attempts >= 1

    gansu.node.start()
    status = liming.wait_for(pk, "filling", timeout=90)
    row.refresh_from_db()
    assert row.fetch_state == "verified" and row.verified, (
        row.fetch_state,
        row.fallback_reason,
        row.gateway_message,
    )
    assert row.source == "gs" and row.identifier == gansu.identifier
    assert row.attempts >= 2  # at least one failed try before B came back
    assert row.report["result"] == "valid", row.report
    assert liming.license_row(pk, "居民身份证")["fallback_reason"] == ""

    liming.upload_missing(pk)
    liming.submit(pk)
    liming.wait_for(pk, "archived")
    case = archived_case(pk)
    assert case.events.filter(action="fetch_waiting").exists()
    assert case.issued_license is not None and case.issued_license.license.holder_code == LIMING_GANSU
