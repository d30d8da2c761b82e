"""An impact run travels through Redis to a separate Celery worker process, which does it and leaves the
report done — as with a broker in CI and production (the embedded default runs it eagerly).
Needs PostgreSQL (the worker must see the test database) and Redis (REDIS_URL)."""

import time

import pytest

from impact.models import ImpactRun, RunState
from impact.tasks import run_impact_task
from tests.factories import UserFactory
from tests.project.test_jobs_run_on_a_real_worker import worker_queue  # noqa: F401 — the fixture

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_worker_does_a_queued_run_and_the_report_is_done(worker_queue, settings):  # noqa: F811
    from accounts.roles import APPLICANT, POLICY_STAFF
    from catalogs import demo as catalog_demo
    from catalogs.models import ServiceItem
    from impact.services import start_impact_run
    from rules import demo as rules_demo
    from rules.models import RuleSet
    from rules.services import create_draft_version
    from tests.impact import past_cases

    client, queue = worker_queue
    settings.RULES_LICENSE_INDEX_PROVIDER = "tests.impact.past_cases.holder_index"
    catalog_demo.load()
    rules_demo.load()
    item = ServiceItem.objects.published().select_related("department").get(code=past_cases.MARRIAGE)
    cases = past_cases.insert_cases(
        count=300, item=item, applicant=UserFactory(roles=[APPLICANT]), days_back=20, distinct=100
    )
    codes = past_cases.license_codes(RuleSet.objects.published().get(service_code=past_cases.MARRIAGE).spec)
    without_hukou = {
        c.number
        for c in cases
        if not any(e["type_code"] == codes["HUKOU"] for e in past_cases.HOLDINGS[c.holder_code])
    }
    past_cases.HOLDINGS.clear()
    draft = create_draft_version(ruleset=RuleSet.objects.published().get(service_code=past_cases.MARRIAGE))
    draft.rows.filter(number=6).update(mode="upload")
    policy = UserFactory(roles=[POLICY_STAFF], is_staff=True)
    run = start_impact_run(ruleset=draft, days=30, user=policy)  # autocommit: the eager job runs at once …
    ImpactRun.objects.filter(pk=run.pk).update(state=RunState.PENDING, processed=0, totals={})
    run.rows.all().delete()  # … so undo it, and let the worker do the run from the queue

    client.send_task(run_impact_task.name, args=[run.pk], queue=queue)
    deadline = (
        time.monotonic() + 120
    )  # the job keeps no result: wait on the run's state the report page reads
    while run.state not in (RunState.DONE, RunState.FAILED) and time.monotonic() < deadline:
        time.sleep(0.2)
        run.refresh_from_db()
    assert run.state == RunState.DONE and run.total == run.processed == 300
    assert set(run.rows.values_list("case_number", flat=True)) == without_hukou
