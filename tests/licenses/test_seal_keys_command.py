"""`manage.py seal_keys`: create, rotate, mark compromised, print the trust list."""

import json
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from licenses.models import KeyState, SealKey
from tests.factories import DepartmentFactory


def test_create_then_rotate_leaves_one_active_and_one_retired_key(db, capsys):
    department = DepartmentFactory()
    call_command("seal_keys", "create", "--department", department.uscc, "--algorithm", "sm2-sm3")
    call_command("seal_keys", "rotate", "--department", department.uscc)
    states = sorted(SealKey.objects.filter(department=department).values_list("state", "algorithm"))
    assert states == [(KeyState.ACTIVE, "sm2-sm3"), (KeyState.RETIRED, "sm2-sm3")]


def test_compromise_records_the_time(db):
    department = DepartmentFactory()
    call_command("seal_keys", "create", "--department", department.uscc)
    key = SealKey.objects.get()
    since = timezone.now() - timedelta(hours=1)
    call_command("seal_keys", "compromise", key.key_id, "--since", since.isoformat(), "--reason", "介质丢失")
    key.refresh_from_db()
    assert key.state == KeyState.COMPROMISED and key.compromised_at == since


def test_the_trust_list_leaves_out_untrusted_keys(db, capsys):
    trusted, foreign = DepartmentFactory(), DepartmentFactory()
    call_command("seal_keys", "create", "--department", trusted.uscc)
    call_command("seal_keys", "create", "--department", foreign.uscc, "--untrusted")
    capsys.readouterr()
    call_command("seal_keys", "trust-list")
    listed = {k["issuer_uscc"] for k in json.loads(capsys.readouterr().out)["keys"]}
    assert listed == {trusted.uscc}
