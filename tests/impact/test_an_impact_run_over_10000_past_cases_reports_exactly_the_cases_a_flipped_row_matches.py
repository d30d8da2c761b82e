"""Acceptance (issue 11): an impact run over 10,000 past cases reports the right changed cases for a draft
that flips one row — here 婚姻登记's row "no e-户口簿 → bring the paper 户口簿" turned into "upload it".

The expected cases are counted in the test from what the generated applicants hold (not from the run's rows,
not by the run's code): a case changes exactly when it is in the range and its applicant holds no 户口簿.
"""

import time

import pytest

from impact.models import ImpactRun, RunState
from impact.services import start_impact_run
from rules.services import create_draft_version
from tests.impact.conftest import case_rows
from tests.impact.past_cases import license_codes

CASES = 10_000
DAYS_BACK = 45  # cases over 45 days, the run looks at the last 30: about a third fall outside its range

pytestmark = pytest.mark.slow


def test_the_run_reports_exactly_the_cases_without_a_hukou_and_changes_no_case(
    past, django_capture_on_commit_callbacks
):
    draft = create_draft_version(ruleset=past.published)
    hukou = license_codes(past.published.spec)["HUKOU"]
    row = draft.rows.get(outcome="requirement", license_type__code=hukou)
    assert row.mode == "paper"
    row.mode = "upload"
    row.full_clean()
    row.save()
    before = case_rows()

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        run = start_impact_run(ruleset=draft, days=30, user=past.policy)
    elapsed = time.monotonic() - started
    run = ImpactRun.objects.get(pk=run.pk)

    in_range = [c for c in past.cases if run.since <= c.opened_at < run.until]
    without_hukou = {
        c.number
        for c in in_range
        if not any(entry["type_code"] == hukou for entry in past.holdings[c.holder_code])
    }
    assert len(past.cases) == CASES
    assert 5_000 < len(in_range) < CASES  # the range cuts the generated cases
    assert 500 < len(without_hukou) < len(in_range)

    assert run.state == RunState.DONE, run.error
    assert run.total == run.processed == len(in_range)
    assert set(run.rows.values_list("case_number", flat=True)) == without_hukou
    for reported in run.rows.all()[:200]:
        assert reported.changes == [
            {"kind": "mode", "subject": "户口簿", "before": "提交纸质材料", "after": "上传电子材料"}
        ]
        assert reported.mode_changed and not reported.route_changed and not reported.not_replayable
    assert run.totals == {
        "cases": len(in_range),
        "changed": len(without_hukou),
        "unchanged": len(in_range) - len(without_hukou),
        "kinds": {"mode": len(without_hukou)},
        "materials": [
            {"name": "户口簿", "before": "提交纸质材料", "after": "上传电子材料", "count": len(without_hukou)}
        ],
        "routes": [],
        "questions": [],
        "fees": [],
    }
    assert case_rows() == before  # the run read the cases and wrote none of them
    print(f"impact run over {len(in_range)} cases ({CASES} generated): {elapsed:.1f} s")
