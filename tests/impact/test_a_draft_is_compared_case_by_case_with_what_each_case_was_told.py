"""A draft's run lists, case by case, exactly what would change — and nothing when nothing would.

Expected cases are computed here from the generated applicants (ID birth date and sex, holdings, answers),
following the demo ruleset's rows as docs/rules.md states them, never from the run's own output.
"""

from datetime import timedelta

from django.utils import timezone
from stdnum.cn import ric

from catalogs.models import Question
from catalogs.services import create_draft_version as create_item_draft
from catalogs.services import publish_service_item
from impact.models import ImpactRun, RunState
from impact.services import start_impact_run
from rules.evaluation import age_on
from rules.services import create_draft_version, replace_row_conditions
from rules.table import ConditionInput
from tests.impact.conftest import case_rows
from tests.impact.past_cases import license_codes

CASES = 600
DAYS_BACK = 40


def _run(draft, user, capture, days=30) -> ImpactRun:
    with capture(execute=True):
        run = start_impact_run(ruleset=draft, days=days, user=user)
    run = ImpactRun.objects.get(pk=run.pk)
    assert run.state == RunState.DONE, run.error
    return run


def _in_range(past, run):
    return [c for c in past.cases if run.since <= c.opened_at < run.until]


def test_an_unchanged_draft_reports_every_case_as_identical(past, django_capture_on_commit_callbacks):
    draft = create_draft_version(ruleset=past.published)
    run = _run(draft, past.policy, django_capture_on_commit_callbacks)
    assert run.total == len(_in_range(past, run)) > 100
    assert run.rows.count() == 0
    assert run.totals["changed"] == 0 and run.totals["unchanged"] == run.total


def _reviewed(case, holdings, codes, *, male_limit: int) -> bool:
    """The demo marriage rules' route, from the applicant's own data: review when a divorce certificate is
    needed but not held valid, when the ID card is not valid, or under the marriage age (men < limit, women < 20)."""
    held = {entry["type_code"]: entry["status"] for entry in holdings[case.holder_code]}
    birth = ric.get_birth_date(case.holder_code)
    age = age_on(birth, timezone.localtime(case.opened_at).date())
    male = int(case.holder_code[16]) % 2 == 1
    return (
        (case.answers["previously_divorced"] and held.get(codes["DIVORCE"]) != "valid")
        or held.get(codes["ID"]) != "valid"
        or (male and age < male_limit)
        or (not male and age < 20)
    )


def test_a_route_condition_change_reports_the_cases_that_switch_from_instant_to_review(
    past, django_capture_on_commit_callbacks
):
    draft = create_draft_version(ruleset=past.published)
    row = draft.rows.get(number=7)  # 男方未满22周岁 → 人工审核
    conditions = [ConditionInput(c.fact, c.operator, c.value) for c in row.conditions.all()]
    assert [(c.fact, c.operator, c.value) for c in conditions][1] == ("applicant.age", "lt", "22")
    conditions[1] = ConditionInput("applicant.age", "lt", "25")
    replace_row_conditions(row=row, conditions=conditions)

    run = _run(draft, past.policy, django_capture_on_commit_callbacks, days=40)
    codes = license_codes(past.published.spec)
    expected = {
        c.number
        for c in _in_range(past, run)
        if not _reviewed(c, past.holdings, codes, male_limit=22)
        and _reviewed(c, past.holdings, codes, male_limit=25)
    }
    assert expected, "the generated applicants include men of 22–24 who went through at once"
    assert set(run.rows.values_list("case_number", flat=True)) == expected
    for reported in run.rows.all():
        assert [c["kind"] for c in reported.changes] == ["route"]
        assert reported.changes[0]["before"] == "即办（秒批）" and reported.changes[0]["after"] == "人工审核"
        assert ["申请人性别", "男"] in reported.facts
    assert run.totals["routes"] == [{"before": "即办（秒批）", "after": "人工审核", "count": len(expected)}]
    assert run.totals["kinds"] == {"route": len(expected)}


def test_a_newly_required_question_is_reported_for_every_case_that_never_answered_it(
    past, django_capture_on_commit_callbacks
):
    item = create_item_draft(item=past.item)
    Question.objects.create(
        service_item=item,
        key="household_in_province",
        label="户籍是否在本省",
        answer_type="bool",
        required=True,
    )
    publish_service_item(item=item, effective_from=timezone.localdate() + timedelta(days=1))
    draft = create_draft_version(ruleset=past.published)

    run = _run(draft, past.policy, django_capture_on_commit_callbacks)
    in_range = _in_range(past, run)
    assert set(run.rows.values_list("case_number", flat=True)) == {c.number for c in in_range}
    assert run.totals["questions"] == [{"label": "户籍是否在本省", "count": len(in_range)}]
    assert run.totals["kinds"] == {"required": len(in_range)}
    assert all(row.missing_required for row in run.rows.all())


def test_a_stored_resolution_its_own_version_does_not_give_back_is_flagged(
    past, django_capture_on_commit_callbacks
):
    from workflows.models import Case

    draft = create_draft_version(ruleset=past.published)
    target = Case.objects.filter(route="instant", opened_at__gte=timezone.now() - timedelta(days=20)).first()
    resolution = dict(target.resolution, route={**target.resolution["route"], "route": "review"})
    Case.objects.filter(pk=target.pk).update(resolution=resolution)  # what a hand-edited row would look like
    before = case_rows()

    run = _run(draft, past.policy, django_capture_on_commit_callbacks)
    row = run.rows.get()
    assert row.case_number == target.number and row.not_replayable
    assert [c["kind"] for c in row.changes] == ["replay", "route"]
    assert run.totals["kinds"] == {"replay": 1, "route": 1}
    assert case_rows() == before


def test_a_run_that_cannot_finish_says_so_and_a_second_delivery_does_nothing(past):
    from impact.services import run_impact

    draft = create_draft_version(ruleset=past.published)
    queued = start_impact_run(ruleset=draft, days=30, user=past.policy)  # queued, job not sent
    ImpactRun.objects.filter(pk=queued.pk).update(spec={"rows": "not a table"}, spec_hash="broken")
    before = case_rows()

    assert run_impact(run_pk=queued.pk) == "failed"
    run = ImpactRun.objects.get(pk=queued.pk)
    assert run.state == RunState.FAILED and run.finished_at is not None
    assert run.error.startswith("分析未能完成：") and "可以重新发起分析" in run.error
    assert run_impact(run_pk=run.pk) == "skipped"  # a redelivered job finds the run taken
    assert case_rows() == before
