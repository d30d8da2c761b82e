"""``manage.py demo_case`` on a freshly loaded demo database (``make demo``'s data, committed, as the commands
run for real): the demo's own cases fill both demo handlers' queues; every published demo item runs to its
archive (review items approved by a demo handler with ``--approve``) and each archive passes 四性检测; a
review item without ``--approve`` says where it stopped and exits non-zero.

One test, because loading the demo is the expensive part and each check reads the same database."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts.models import User
from catalogs.models import ServiceItem
from tests.workflows.api import client_for
from workflows.models import Case

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_a_fresh_demo_database_has_queues_and_runs_every_item_to_its_archive(tmp_path):
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=tmp_path / "media",
        CASE_UPLOAD_ROOT=tmp_path / "uploads",
    ):
        call_command("load_demo", stdout=StringIO())
        for username in ("handler_mz", "handler_sj"):
            assert (
                client_for(User.objects.get(username=username)).get("/api/v1/cases/queue/").json()["count"]
                >= 1
            )
        states = set(Case.objects.values_list("state", flat=True))
        assert {
            "awaiting_consent",
            "filling",
            "awaiting_acceptance",
            "in_review",
            "supplement",
            "archived",
            "withdrawn",
        } <= states

        with pytest.raises(CommandError, match="办件未办结：当前为“待受理”"):
            call_command("demo_case", "630000-SJ-0001", stdout=StringIO())

        codes = list(ServiceItem.objects.current().order_by("code").values_list("code", flat=True))
        assert len(codes) == 20
        for code in codes:
            out = StringIO()
            call_command("demo_case", code, "--approve", stdout=out)
            report = out.getvalue()
            assert "归档四性检测：通过" in report and "状态：已归档" in report, report
            assert "办件编号：" + code in report
        archived = (
            Case.objects.filter(service_code__in=codes, state="archived")
            .values("service_code")
            .distinct()
            .count()
        )
        assert archived == 20
