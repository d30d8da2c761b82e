"""A background step reads its task, the process and the case in one joined query — once when the job starts
and once more under the flow lock — never the process or the case on its own (viewflow's own wrapper read the
task, then the process, then the case: three reads of the same rows per completed step)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from tests.workflows.conftest import MARRIAGE, MARRIAGE_ANSWERS
from workflows.models import CaseState
from workflows.services import starting
from workflows.tasks import run_step

pytestmark = pytest.mark.django_db


def _reads_of(queries, table: str) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith(f'SELECT "{table}"')]


def test_the_fetch_job_reads_its_case_only_with_its_task(demo):
    case = starting.start_case(service_code=MARRIAGE, applicant=demo.zhangsan, answers=MARRIAGE_ANSWERS)
    # inside the test's transaction nothing commits, so the fetch job is left waiting for us to run it
    case = starting.answer_consent(case=case, user=demo.zhangsan, accept=True)
    job = Task.objects.get(process_id=case.pk, flow_task_type="JOB", status=STATUS.NEW)

    with CaptureQueriesContext(connection) as queries:
        assert run_step(job.pk) == "done"

    case.refresh_from_db()
    assert case.state == CaseState.FILLING  # fetched, verified and pre-filled: the step did its work
    assert _reads_of(queries, "viewflow_process") == []  # no read of the process or the case on its own
    joined = [sql for sql in _reads_of(queries, "viewflow_task") if '"workflows_case"' in sql]
    assert len(joined) == 2  # the job's read of its task, and the read under the flow lock
