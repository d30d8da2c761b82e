"""The four attacks on the access-log chain that passed ``audit_verify`` before: deleting the last rows with the
chain head, rewinding the head, deleting everything, and editing a row then recomputing every hash after it
(and the head). A missing head with entries present is a break by itself; the rest are caught against signed
checkpoints (sequence number + hash) exported to a file the database cannot rewrite."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from licenses.audit import entry_hash
from licenses.models import AccessLogEntry

from .test_access_log_is_a_hash_chain import _append, _raw


@pytest.fixture
def checkpoints(settings, tmp_path):
    settings.AUDIT_CHECKPOINT_DIR = str(tmp_path / "checkpoints")
    return tmp_path / "checkpoints"


def _checkpoint_then_more(n_before=4, n_after=2):
    _append(n_before)
    call_command("audit_checkpoint")
    return _append(n_after)


def test_a_missing_head_with_entries_present_is_a_break(db, checkpoints):
    _append(2)
    _raw("DELETE FROM licenses_auditchainhead")
    with pytest.raises(CommandError, match="链头"):
        call_command("audit_verify")


def test_a_signed_checkpoint_of_an_intact_chain_verifies(db, checkpoints, capsys):
    _checkpoint_then_more()
    call_command("audit_checkpoint")
    call_command("audit_verify")
    assert "检查点" in capsys.readouterr().out
    lines = (checkpoints / "audit-checkpoints.jsonl").read_text().splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [4, 6]


def test_deleting_the_last_rows_with_the_head_is_caught(db, checkpoints):
    _checkpoint_then_more()
    _raw("DELETE FROM licenses_accesslogentry WHERE seq >= 3")
    _raw("DELETE FROM licenses_auditchainhead")
    with pytest.raises(CommandError):
        call_command("audit_verify")


def test_rewinding_the_head_is_caught(db, checkpoints):
    _checkpoint_then_more()
    kept = AccessLogEntry.objects.get(seq=2)
    _raw("DELETE FROM licenses_accesslogentry WHERE seq > 2")
    _raw("UPDATE licenses_auditchainhead SET last_seq = 2, last_hash = %s", kept.entry_hash)
    with pytest.raises(CommandError, match="检查点"):
        call_command("audit_verify")


def test_deleting_everything_is_caught(db, checkpoints):
    _checkpoint_then_more()
    _raw("DELETE FROM licenses_accesslogentry")
    _raw("DELETE FROM licenses_auditchainhead")
    with pytest.raises(CommandError, match="检查点"):
        call_command("audit_verify")


def test_editing_a_row_and_recomputing_every_hash_after_it_is_caught(db, checkpoints):
    _checkpoint_then_more()
    prev = AccessLogEntry.objects.get(seq=1).entry_hash
    for entry in AccessLogEntry.objects.filter(seq__gte=2).order_by("seq"):
        if entry.seq == 2:
            entry.purpose = "伪造的事由"
            _raw("UPDATE licenses_accesslogentry SET purpose = %s WHERE id = %s", entry.purpose, entry.pk)
        new_hash = entry_hash(prev_hash=prev, entry=entry)
        _raw(
            "UPDATE licenses_accesslogentry SET prev_hash = %s, entry_hash = %s WHERE id = %s",
            prev,
            new_hash,
            entry.pk,
        )
        prev = new_hash
    _raw("UPDATE licenses_auditchainhead SET last_hash = %s", prev)
    from licenses.audit import verify_chain

    assert verify_chain()[1] is None  # the chain alone is consistent again: only the checkpoint can tell
    with pytest.raises(CommandError, match="第 4 条.*检查点"):
        call_command("audit_verify")


def test_a_forged_checkpoint_line_is_refused(db, checkpoints):
    _checkpoint_then_more()
    path = checkpoints / "audit-checkpoints.jsonl"
    line = json.loads(path.read_text().splitlines()[0])
    line["seq"] = 2
    path.write_text(json.dumps(line) + "\n")
    with pytest.raises(CommandError, match="签名"):
        call_command("audit_verify")
