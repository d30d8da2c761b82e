"""``events.move`` saves every column of the case — what the step changed before moving it too — and leaves
viewflow's process row under it to viewflow, which saves it itself whenever it changes it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.workflows.conftest import MARRIAGE, MARRIAGE_ANSWERS
from workflows.models import Case, CaseState
from workflows.services import starting
from workflows.services.events import move

pytestmark = pytest.mark.django_db


def test_a_moved_case_keeps_what_the_step_changed_and_the_process_row_is_not_written(demo):
    case = starting.start_case(service_code=MARRIAGE, applicant=demo.zhangsan, answers=MARRIAGE_ANSWERS)
    case.decision_reasons = "由这一步写入"  # a column the step set before moving the case

    with CaptureQueriesContext(connection) as queries:
        move(case, to=CaseState.VERIFYING, action="consent_given", activity="正在调取并核验电子证照")

    stored = Case.objects.get(pk=case.pk)
    assert (stored.state, stored.activity, stored.decision_reasons) == (
        CaseState.VERIFYING,
        "正在调取并核验电子证照",
        "由这一步写入",
    )
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert [sql.split()[1] for sql in updates] == ['"workflows_case"']
