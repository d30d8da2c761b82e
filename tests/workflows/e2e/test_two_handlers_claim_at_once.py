"""Two handlers of one department claim the same case at the same instant on PostgreSQL: the claim is a
row-locked transition, so exactly one wins and the other is told, in Chinese, who took it (issue 9).

The two claims run in two threads (two database connections), released together; they can only race on
committed data, hence the committed world of this package rather than a rolled-back test transaction.
Left to chance, the two requests often do not overlap at all (the first has committed before the second
asks for the lock), and the test would pass whether the lock works or not. So a third connection holds the
case's process row for a moment, as the winner's own transaction would: both claims meet the lock every
time, and what they do then is what is tested."""

import threading

import psycopg
import pytest
from django.contrib.auth.models import Group
from django.db import connection

from accounts.models import User
from accounts.roles import HANDLER
from tests.concurrency import run_at_once
from workflows.models import Case
from workflows.selectors import active_task

from .driving import CASES, Actor

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
HOLD_SECONDS = 1.0  # long enough for both claims to meet the lock, well inside the lock's retries


def _second_handler() -> User:
    first = User.objects.get(username="handler_mz")
    user, _ = User.objects.get_or_create(
        username="handler_mz2",
        defaults={"real_name": "韩晓兰", "department": first.department, "is_staff": True},
    )
    user.groups.set([Group.objects.get(name=HANDLER)])
    return User.objects.get(pk=user.pk)


class ProcessRowHeld:
    """``SELECT … FOR UPDATE`` of the case's process row from a connection of its own, released after ``seconds``."""

    def __init__(self, pk: int, seconds: float):
        db = connection.settings_dict
        self.conn = psycopg.connect(
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            user=db["USER"] or "postgres",
            password=db["PASSWORD"] or None,
            dbname=db["NAME"],
        )
        self.conn.execute("SELECT 1 FROM viewflow_process WHERE id = %s FOR UPDATE", [pk])
        self.timer = threading.Timer(seconds, self.conn.commit)

    def __enter__(self):
        self.timer.start()
        return self

    def __exit__(self, *exc):
        self.timer.join()
        self.conn.close()


def test_two_handlers_claiming_one_case_at_once_exactly_one_wins_and_the_other_is_told_who(e2e):
    lisi = Actor(User.objects.get(username="lisi"), worker=e2e.worker)
    pk = lisi.apply("630000-MZ-0002", {"retired": False})["id"]  # 老年人证 at 34: the department reviews it
    lisi.consent(pk, accept=True)
    lisi.wait_for(pk, "filling")
    lisi.upload_missing(pk)
    lisi.submit(pk)
    lisi.wait_for(pk, "awaiting_acceptance")

    handlers = [User.objects.get(username="handler_mz"), _second_handler()]
    clients = [Actor(user).client for user in handlers]
    with ProcessRowHeld(pk, HOLD_SECONDS):
        responses, errors = run_at_once(
            [lambda c=c: (c, c.post(f"{CASES}{pk}/claim/", {}, format="json")) for c in clients]
        )
    assert not errors, errors
    by_status = {response.status_code: (client, response) for client, response in responses}
    assert sorted(by_status) == [200, 409], [(r.status_code, r.content.decode()[:500]) for _c, r in responses]

    winner = handlers[clients.index(by_status[200][0])]
    problem = by_status[409][1]
    assert problem["Content-Type"].startswith("application/problem+json")
    body = problem.json()
    assert body["type"] == "urn:mzb:problem:task-taken" and body["status"] == 409
    assert body["title"] == f"该办件已由{winner.real_name}认领", body

    case = Case.objects.get(pk=pk)
    task = active_task(case=case, node="review")
    assert task.owner_id == winner.pk and task.status == "ASSIGNED"
    assert case.reviewer_id == winner.pk and case.state == "in_review"
    assert case.events.filter(action="accepted").count() == 1  # one acceptance (受理), one clock start
    refused = case.events.filter(refused=True)
    assert [(e.action, e.actor_id) for e in refused] == [
        ("refused:claim:task-taken", handlers[1 - handlers.index(winner)].pk)
    ]
    assert by_status[200][1].json()["reviewer"] == winner.real_name
