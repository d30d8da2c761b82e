"""The access log is a hash chain: ``audit_verify`` passes on an intact log and names the first entry
that was altered or deleted (by raw SQL, bypassing the application's guards — and on PostgreSQL the
trigger too); the application itself has no way to change or delete an entry."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from licenses.audit import Reader, record_access, verify_chain
from licenses.models import AccessChannel, AccessLogEntry, AuditImmutable


def _append(n: int) -> list[AccessLogEntry]:
    return [
        record_access(
            reader=Reader(channel=AccessChannel.API, purpose=f"读取 {i}"),
            result="granted",
            license_identifier=f"1.2.156.3005.2.X.{i}",
            holder_code="630102198501010012",
        )
        for i in range(n)
    ]


def _raw(sql: str, *params) -> None:
    """Tamper as someone with direct database access would. On PostgreSQL that takes a superuser who
    switches triggers off for the session (the trigger itself is tested in test_access_log_on_postgresql)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")


def test_an_intact_log_verifies(db):
    _append(3)
    assert verify_chain() == (3, None)
    call_command("audit_verify")


def test_each_entry_chains_onto_the_previous_one(db):
    first, second = _append(2)
    assert first.prev_hash == "0" * 64 and second.prev_hash == first.entry_hash


def test_altering_a_row_by_raw_sql_makes_audit_verify_fail_naming_it(db):
    entries = _append(4)
    _raw("UPDATE licenses_accesslogentry SET purpose = %s WHERE id = %s", "篡改后的事由", entries[1].pk)
    with pytest.raises(CommandError, match=rf"第 2 条（id={entries[1].pk}）.*被修改"):
        call_command("audit_verify")


def test_deleting_a_row_by_raw_sql_makes_audit_verify_fail_naming_it(db):
    entries = _append(4)
    _raw("DELETE FROM licenses_accesslogentry WHERE id = %s", entries[2].pk)
    with pytest.raises(CommandError, match="第 3 条.*删除"):
        call_command("audit_verify")


def test_deleting_the_last_row_is_caught_by_the_chain_head(db):
    entries = _append(3)
    _raw("DELETE FROM licenses_accesslogentry WHERE id = %s", entries[-1].pk)
    with pytest.raises(CommandError, match="第 3 条"):
        call_command("audit_verify")


def test_a_rewritten_row_with_a_recomputed_hash_still_breaks_the_next_link(db):
    from licenses.audit import entry_hash

    entries = _append(3)
    forged = AccessLogEntry.objects.get(pk=entries[0].pk)
    forged.purpose = "伪造"
    _raw(
        "UPDATE licenses_accesslogentry SET purpose = %s, entry_hash = %s WHERE id = %s",
        "伪造",
        entry_hash(prev_hash=forged.prev_hash, entry=forged),
        forged.pk,
    )
    with pytest.raises(CommandError, match="第 2 条.*前一条摘要不符"):
        call_command("audit_verify")


def test_saving_an_existing_entry_is_refused(db):
    entry = _append(1)[0]
    entry.purpose = "改写"
    with pytest.raises(AuditImmutable):
        entry.save()


def test_deleting_an_entry_is_refused(db):
    with pytest.raises(AuditImmutable):
        _append(1)[0].delete()


def test_queryset_update_and_delete_are_refused(db):
    _append(2)
    with pytest.raises(AuditImmutable):
        AccessLogEntry.objects.update(purpose="改写")
    with pytest.raises(AuditImmutable):
        AccessLogEntry.objects.all().delete()
    assert AccessLogEntry.objects.count() == 2


def test_an_entry_cannot_be_created_around_the_chain(db):
    with pytest.raises(AuditImmutable):
        AccessLogEntry(
            seq=99,
            at=timezone.now(),
            channel="api",
            actor_label="x",
            result="granted",
            prev_hash="0" * 64,
            entry_hash="0" * 64,
        ).save()


def test_the_admin_offers_no_change_or_delete(admin_client, db):
    entry = _append(1)[0]
    response = admin_client.get(f"/admin/licenses/accesslogentry/{entry.pk}/change/")
    assert response.status_code == 200
    assert b'name="_save"' not in response.content and b"/delete/" not in response.content
    assert admin_client.post(f"/admin/licenses/accesslogentry/{entry.pk}/delete/").status_code == 403


def test_concurrent_appends_on_sqlite_queue_instead_of_failing(tmp_path):
    """Threads of one server (runserver is threaded) append at once to a SQLite file: with transactions
    started IMMEDIATE (project settings) they wait for the lock; deferred, most failed with "database is locked"."""
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).with_name("sqlite_appenders.py")
    out = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "log.sqlite3")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "errors=0 entries=120 broken=False"
