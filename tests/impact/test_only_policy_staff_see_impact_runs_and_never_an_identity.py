"""Impact runs are for policy staff (those who may change rulesets): they start and read runs, see facts and
masked holders — never a name or an ID number in clear — and can export the changed cases as CSV."""

import csv
import io

import pytest
from django.urls import reverse

from catalogs.identifiers import mask_code, mask_name
from impact.models import ImpactRun, RunState
from rules.services import create_draft_version

CASES = 200
DAYS_BACK = 20


@pytest.fixture
def draft(past):
    draft = create_draft_version(ruleset=past.published)
    draft.rows.filter(number=6).update(mode="upload")  # no e-户口簿: upload instead of paper
    return draft


def _start(client, capture, draft, days=30):
    with capture(execute=True):
        response = client.post(reverse("impact:start"), {"ruleset": draft.pk, "days": days})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImpactRun.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_handlers_auditors_and_strangers_can_neither_start_nor_read_a_run(
    past, draft, client, django_capture_on_commit_callbacks
):
    client.force_login(past.policy)
    run = _start(client, django_capture_on_commit_callbacks, draft)
    pages = [
        reverse("impact:list"),
        reverse("impact:report", args=[run.pk]),
        reverse("impact:progress", args=[run.pk]),
        reverse("impact:export", args=[run.pk]),
    ]
    for user in (past.handler, past.auditor):
        client.force_login(user)
        for url in pages:
            assert client.get(url).status_code == 403, (user, url)
        assert client.post(reverse("impact:start"), {"ruleset": draft.pk, "days": 30}).status_code == 403
    client.logout()
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert ImpactRun.objects.count() == 1


def test_the_report_shows_changes_and_facts_with_holders_masked(
    past, draft, client, django_capture_on_commit_callbacks
):
    client.force_login(past.policy)
    run = _start(client, django_capture_on_commit_callbacks, draft)
    assert run.state == RunState.DONE and run.rows.exists()
    html = client.get(reverse("impact:report", args=[run.pk])).content.decode()
    assert "户口簿" in html and "提交纸质材料" in html and "上传电子材料" in html
    assert "持有证照：户口簿" in html  # the fact the flipped row reads
    for row in run.rows.select_related("case")[:20]:
        assert row.case_number in html
        assert row.case.holder_code not in html and row.case.holder_name not in html
        assert mask_code(row.case.holder_code) in html and mask_name(row.case.holder_name) in html
        assert row.case.answers["partner_id"] not in html  # answers are not identities either
    filtered = client.get(reverse("impact:report", args=[run.pk]), {"kind": "route"}).content.decode()
    assert "没有这一类变化的办件" in filtered


def test_the_changed_cases_export_as_csv_masked(past, draft, client, django_capture_on_commit_callbacks):
    client.force_login(past.policy)
    run = _start(client, django_capture_on_commit_callbacks, draft)
    response = client.get(reverse("impact:export", args=[run.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][:3] == ["办件编号", "申请时间", "申请主体（脱敏）"]
    assert {r[0] for r in rows[1:]} == set(run.rows.values_list("case_number", flat=True))
    assert all(r[5:] == ["材料提交方式变化", "户口簿", "提交纸质材料", "上传电子材料"] for r in rows[1:])
    holder_codes = {c.holder_code for c in past.cases}
    assert not any(cell in holder_codes for r in rows for cell in r)


def test_a_queued_run_shows_a_progress_bar_that_polls_and_refreshes_without_javascript(past, draft, client):
    client.force_login(past.policy)
    response = client.post(
        reverse("impact:start"), {"ruleset": draft.pk, "days": 30}
    )  # not committed: queued
    run = ImpactRun.objects.get()
    assert response.status_code == 302 and run.state == RunState.PENDING
    html = client.get(reverse("impact:report", args=[run.pk])).content.decode()
    assert '<progress id="impact-progress"' in html and "impact/progress.js" in html
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html
    progress = client.get(reverse("impact:progress", args=[run.pk])).json()
    assert progress == {
        "state": "pending",
        "state_label": "排队中",
        "processed": 0,
        "total": run.total,
        "percent": 0,
        "finished": False,
    }


def test_only_a_draft_can_be_analysed_and_the_refusal_says_what_to_do(past, client):
    client.force_login(past.policy)
    response = client.post(reverse("impact:start"), {"ruleset": past.published.pk, "days": 30})
    assert response.status_code == 400
    assert not ImpactRun.objects.exists()
    draft = create_draft_version(ruleset=past.published)
    response = client.post(reverse("impact:start"), {"ruleset": draft.pk, "days": 0})
    assert response.status_code == 400 and "大于或等于1" in response.content.decode()


def test_the_ruleset_admin_links_a_draft_to_its_impact_analysis(past, draft, client):
    client.force_login(past.policy)
    link = f"{reverse('impact:list')}?ruleset={draft.pk}"
    assert link in client.get(reverse("admin:rules_ruleset_change", args=[draft.pk])).content.decode()
    published = client.get(reverse("admin:rules_ruleset_change", args=[past.published.pk])).content.decode()
    assert reverse("impact:list") not in published
    page = client.get(link).content.decode()
    assert f'<option value="{draft.pk}" selected>' in page


def test_the_report_is_available_in_english(past, draft, client, django_capture_on_commit_callbacks):
    client.force_login(past.policy)
    run = _start(client, django_capture_on_commit_callbacks, draft)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("impact:report", args=[run.pk])).content.decode()
    assert 'lang="en"' in page
    assert "Impact of 630000-MZ-0001 draft version 2" in page and "Changes case by case" in page
    assert "Material mode changes" in page  # the kinds' labels too
    admin_page = client.get(reverse("admin:rules_ruleset_change", args=[draft.pk])).content.decode()
    assert f'?ruleset={draft.pk}">Impact</a>' in admin_page
