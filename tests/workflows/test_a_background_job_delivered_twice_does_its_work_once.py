"""At-least-once delivery: a job delivered again (a worker killed before it acked, the sweep re-sending)
finds its task done and does nothing; one whose work runs twice before the task completes writes every
effect under its unique key once — one license, one document per kind and round, one archive package."""

from datetime import timedelta

import pytest
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from archives.models import ArchivePackage
from forms.models import IssuedDocument
from licenses.models import LicenseVersion
from tests.workflows.conftest import ENTERPRISE, ENTERPRISE_ANSWERS, File
from workflows.flows import CaseFlow
from workflows.models import Case, CaseDocument
from workflows.services import archiving, filling, outcome, review, starting
from workflows.tasks import run_step, sweep_background_steps

pytestmark = pytest.mark.django_db
FORM = {
    "company_name": "演示有限公司",
    "capital": "1",
    "address": "西宁",
    "scope": "销售",
    "phone": "13800000000",
    "legal_rep": "马建国",
}


def _effects(case: Case) -> tuple[int, list, int, int]:
    documents = sorted(CaseDocument.objects.filter(case=case).values_list("kind", "round"))
    return (
        LicenseVersion.objects.filter(
            license__holder_code=case.holder_code,
            license__license_type__name="营业执照",
            issued_for_case=case,
        ).count(),
        documents,
        IssuedDocument.objects.filter(reference=case.number).count(),
        ArchivePackage.objects.filter(case_number=case.number).count(),
    )


def _approved_until_outcome(demo, run, django_capture_on_commit_callbacks) -> Case:
    case = run(starting.start_case, service_code=ENTERPRISE, applicant=demo.qiye, answers=ENTERPRISE_ANSWERS)
    for material in filling.missing_uploads(case):
        filling.add_upload(case=case, user=demo.qiye, material_key=material.key, uploaded_file=File())
    run(filling.submit, case=case, user=demo.qiye, data={**FORM, "legal_rep_id": demo.MAJIANGUO})
    run(review.claim, case=case, user=demo.handler_sj)
    with django_capture_on_commit_callbacks(execute=False):  # the outcome job is "in the broker", not yet run
        review.approve(case=case, user=demo.handler_sj)
    return Case.objects.get(pk=case.pk)


def test_the_outcome_and_archive_work_done_twice_leaves_each_effect_once(
    demo, run, django_capture_on_commit_callbacks
):
    case = _approved_until_outcome(demo, run, django_capture_on_commit_callbacks)
    assert outcome.produce_outcome(case=case) and outcome.produce_outcome(case=Case.objects.get(pk=case.pk))
    once = _effects(case)
    assert once == (
        1,
        [("acceptance_notice", 0), ("application_form", 0), ("decision", 0), ("license_face", 0)],
        4,
        0,
    )
    task = Task.objects.get(process_id=case.pk, flow_task=CaseFlow.outcome, status=STATUS.NEW)
    assert (
        run(run_step, task_pk=task.pk) == "done"
    )  # its work finds everything there, then the step completes
    assert run(run_step, task_pk=task.pk) == "skipped"  # delivered again: the task is done
    archive_task = Task.objects.get(process_id=case.pk, flow_task=CaseFlow.archive)
    assert archive_task.status == STATUS.DONE
    assert archiving.archive_case(case=Case.objects.get(pk=case.pk))  # once more by hand: still one package
    assert run(run_step, task_pk=archive_task.pk) == "skipped"
    assert _effects(case) == (1, once[1], 4, 1)
    assert Case.objects.get(pk=case.pk).state == "archived"


def test_a_document_being_rendered_by_another_delivery_is_not_rendered_again(
    demo, run, django_capture_on_commit_callbacks
):
    case = _approved_until_outcome(demo, run, django_capture_on_commit_callbacks)
    CaseDocument.objects.create(
        case=case,
        kind="decision",
        round=0,
        claim_token="8f1d3c3e-0000-4000-8000-000000000001",
        claimed_at=timezone.now(),
    )  # claimed a moment ago by another worker
    assert outcome.produce_outcome(case=case) is False  # comes back later instead of rendering it twice
    assert not IssuedDocument.objects.filter(reference=case.number, kind="decision").exists()
    CaseDocument.objects.filter(case=case, kind="decision").update(
        claimed_at=timezone.now() - timedelta(hours=1)
    )
    assert (
        outcome.produce_outcome(case=case) is True
    )  # that worker died: its lease ran out, the claim is taken over
    assert IssuedDocument.objects.filter(reference=case.number, kind="decision").count() == 1


def test_the_sweep_resends_a_background_step_whose_message_was_lost(
    demo, run, django_capture_on_commit_callbacks, settings
):
    case = _approved_until_outcome(demo, run, django_capture_on_commit_callbacks)
    task = Task.objects.get(process_id=case.pk, flow_task=CaseFlow.outcome)
    assert run(sweep_background_steps) == 0  # too fresh to be called lost
    Task.objects.filter(pk=task.pk).update(
        created=timezone.now() - timedelta(seconds=settings.CASE_STEP_STALE_SECONDS + 1)
    )
    assert run(sweep_background_steps) == 1
    assert Case.objects.get(pk=case.pk).state == "archived"
    assert _effects(case)[0] == 1 and _effects(case)[3] == 1


def test_an_archive_build_killed_before_its_commit_leaves_files_the_next_delivery_clears(
    demo, run, django_capture_on_commit_callbacks
):
    """A worker killed after writing a package's files and before its transaction committed the package row
    leaves the files behind (tests/workflows/e2e kills one there); the job delivered again must archive the
    case, not stop at "files already exist" for ever."""
    from django.core.files.base import ContentFile

    from archives.manifest import package_id_for
    from archives.services import check_package
    from archives.storage import archive_storage, package_prefix

    case = _approved_until_outcome(demo, run, django_capture_on_commit_callbacks)
    prefix = package_prefix(package_id_for(case.number, timezone.localdate()))
    storage = archive_storage()
    leftovers = [
        storage.save(f"{prefix}/manifest.json", ContentFile(b'{"half": "written"}')),
        storage.save(f"{prefix}/documents/decision.pdf", ContentFile(b"%PDF-1.4 cut off")),
    ]
    task = Task.objects.get(process_id=case.pk, flow_task=CaseFlow.outcome, status=STATUS.NEW)
    assert run(run_step, task_pk=task.pk) == "done"  # the outcome, then the archive step

    case = Case.objects.get(pk=case.pk)
    assert case.state == "archived" and case.archive_package_id
    assert ArchivePackage.objects.filter(case_number=case.number).count() == 1
    assert check_package(package=case.archive_package).ok
    assert storage.open(leftovers[0]).read() != b'{"half": "written"}'  # the package's own manifest now
    assert not storage.exists(leftovers[1]) or storage.open(leftovers[1]).read() != b"%PDF-1.4 cut off"
