"""50 handlers of one department claim the same case at the same instant, over real HTTP on two gunicorn
servers (issue 12, "50 concurrent claims"): exactly one claim succeeds; the 49 others are refused with 409
and told, in Chinese, who took it; the case has one reviewer, one acceptance and one clock start.

As in ``test_two_handlers_claim_at_once``, a connection of the test holds the case's process row for a
moment, so that the claims do meet the lock instead of arriving one after another by chance."""

from __future__ import annotations

from collections import Counter

import pytest
import requests
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import HANDLER
from tests.concurrency import run_at_once
from workflows.models import Case
from workflows.selectors import active_task

from .driving import Actor
from .servers import CASES, DEMO_PASSWORD, cluster
from .test_two_handlers_claim_at_once import ProcessRowHeld

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

CLAIMS = 50
HOLD_SECONDS = 2.0


def _handlers(n: int) -> list[User]:
    department = User.objects.get(username="handler_mz").department
    group = Group.objects.get(name=HANDLER)
    handlers = []
    for i in range(1, n + 1):
        user, _ = User.objects.get_or_create(
            username=f"handler_mz_{i:02d}",
            defaults={"real_name": f"民政审批员{i:02d}", "department": department, "is_staff": True},
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([group])
        handlers.append(user)
    return handlers


def test_fifty_handlers_claiming_one_task_at_once_over_http_exactly_one_wins(e2e):
    lisi = Actor(User.objects.get(username="lisi"), worker=e2e.worker)
    pk = lisi.apply("630000-MZ-0002", {"retired": False})["id"]  # 老年人证 at 34: the department reviews it
    lisi.consent(pk, accept=True)
    lisi.wait_for(pk, "filling")
    lisi.upload_missing(pk)
    lisi.submit(pk)
    lisi.wait_for(pk, "awaiting_acceptance")
    handlers = _handlers(CLAIMS)

    with cluster(e2e, "claims", servers=2, workers=0, threads=13) as apps:  # 2 × 2 × 13 ≥ 50
        # enough threads that every claim is inside a server at once, waiting on the lock
        sessions = []
        for i, handler in enumerate(handlers):
            session = requests.Session()
            session.auth = (handler.username, DEMO_PASSWORD)
            sessions.append((handler, session, apps.bases[i % 2]))

        def claim(handler, session, base):
            return handler, session.post(f"{base}{CASES}{pk}/claim/", json={}, timeout=60)

        with ProcessRowHeld(pk, HOLD_SECONDS):
            responses, errors = run_at_once([lambda s=s: claim(*s) for s in sessions], timeout=90)
    assert not errors, errors
    statuses = Counter(response.status_code for _h, response in responses)
    assert statuses == Counter({200: 1, 409: CLAIMS - 1}), (
        statuses,
        [r.text[:300] for _h, r in responses if r.status_code not in (200, 409)][:5],
    )

    winner = next(h for h, r in responses if r.status_code == 200)
    for _h, response in responses:
        if response.status_code == 409:
            body = response.json()
            assert response.headers["Content-Type"].startswith("application/problem+json")
            assert body["type"] == "urn:mzb:problem:task-taken", body
            assert body["title"] == f"该办件已由{winner.real_name}认领", body

    case = Case.objects.get(pk=pk)
    task = active_task(case=case, node="review")
    assert task.owner_id == winner.pk and task.status == "ASSIGNED"
    assert case.reviewer_id == winner.pk and case.state == "in_review"
    assert case.events.filter(action="accepted").count() == 1
    refused = case.events.filter(refused=True, action="refused:claim:task-taken")
    assert refused.count() == CLAIMS - 1
    assert winner.pk not in set(refused.values_list("actor_id", flat=True))
