"""Auditors start from the access log and the checks: search by holder and by reader (shown masked), filter
by date, fields read as labels, and run audit_verify and archive_check in the background from the admin."""

import pytest
from django.test import Client

from accounts.roles import AUDITOR
from catalogs.identifiers import mask_code
from licenses.audit import Reader, record_access
from licenses.models import AccessChannel, AccessResult
from tests.factories import UserFactory

from .conftest import PURPOSE, grant

pytestmark = pytest.mark.django_db
LOG = "/admin/licenses/accesslogentry/"


@pytest.fixture
def auditor():
    client = Client()
    client.force_login(UserFactory(roles=[AUDITOR], is_staff=True))
    return client


def _read(world):
    consent = grant(world)
    record_access(
        reader=Reader(
            channel=AccessChannel.GATEWAY,
            user=world.handler,
            purpose=PURPOSE,
            consent_reference=str(consent.reference),
        ),
        result=AccessResult.GRANTED,
        license=world.version.license,
        license_identifier=world.identifier,
        license_name=world.version.name,
        fields_read=["name", "vehicle_class"],
    )


def test_the_auditor_finds_reads_by_holder_and_by_reader_with_fields_as_labels(auditor, world):
    _read(world)
    by_holder = auditor.get(LOG, {"q": world.holder_code}).content.decode()
    assert "姓名、准驾车型" in by_holder and "vehicle_class" not in by_holder
    assert (
        f'<td class="field-masked_holder">{mask_code(world.holder_code)}</td>' in by_holder
    )  # listed masked
    assert "姓名、准驾车型" in auditor.get(LOG, {"q": "马晓梅"}).content.decode()
    assert "姓名、准驾车型" not in auditor.get(LOG, {"q": "不存在的读取方"}).content.decode()
    assert "at__year=" in auditor.get(LOG).content.decode()  # the date filter


def test_the_auditors_admin_index_leads_to_the_log_and_the_checks(auditor):
    page = auditor.get("/admin/").content.decode()
    assert "监管审计" in page and f'href="{LOG}checks/"' in page


def test_the_auditor_runs_the_chain_check_and_sees_its_result(
    auditor, world, django_capture_on_commit_callbacks
):
    _read(world)
    with django_capture_on_commit_callbacks(execute=True):
        response = auditor.post(f"{LOG}checks/", {"kind": "audit_verify"})
    assert response.status_code == 302
    page = auditor.get(f"{LOG}checks/").content.decode()
    assert "核对用证记录哈希链" in page and "✓ 通过" in page and "用证记录哈希链完好" in page


def test_a_failing_archive_check_is_shown_as_failed(auditor, monkeypatch, django_capture_on_commit_callbacks):
    from django.core.management.base import CommandError

    def broken(*args, **kwargs):
        raise CommandError("归档信息包 A-1 完整性检测不通过")

    monkeypatch.setattr("licenses.audit.checks.call_command", broken)
    with django_capture_on_commit_callbacks(execute=True):
        auditor.post(f"{LOG}checks/", {"kind": "archive_check"})
    page = auditor.get(f"{LOG}checks/").content.decode()
    assert "✗ 未通过" in page and "归档信息包 A-1 完整性检测不通过" in page


def test_only_those_who_may_read_the_log_run_checks(client, world):
    client.force_login(world.handler)
    assert client.post(f"{LOG}checks/", {"kind": "audit_verify"}).status_code in (302, 403)
    assert client.get(f"{LOG}checks/").status_code in (302, 403)
