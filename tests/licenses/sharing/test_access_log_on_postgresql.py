"""PostgreSQL: a trigger refuses UPDATE and DELETE on the access log, and concurrent appends from
many connections still form one unbroken chain (the chain head row is locked while appending)."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from licenses.audit import Reader, record_access, verify_chain
from licenses.models import AccessChannel, AccessLogEntry
from tests.concurrency import run_at_once

pytestmark = pytest.mark.postgres


def _append(label: str) -> AccessLogEntry:
    return record_access(
        reader=Reader(channel=AccessChannel.API, purpose=label), result="granted", license_identifier=label
    )


def test_the_trigger_refuses_a_raw_update(db):
    entry = _append("a")
    with pytest.raises(DatabaseError, match="只能追加"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE licenses_accesslogentry SET purpose = 'x' WHERE id = %s", [entry.pk])
    assert AccessLogEntry.objects.get(pk=entry.pk).purpose == "a"


def test_the_trigger_refuses_a_raw_delete(db):
    entry = _append("a")
    with pytest.raises(DatabaseError, match="只能追加"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM licenses_accesslogentry WHERE id = %s", [entry.pk])
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_form_one_unbroken_chain():
    threads, per_thread = 6, 15

    def worker(n: int) -> None:
        for i in range(per_thread):
            _append(f"t{n}-{i}")

    _, errors = run_at_once([lambda n=n: worker(n) for n in range(threads)])
    assert errors == []
    assert sorted(AccessLogEntry.objects.values_list("seq", flat=True)) == list(
        range(1, threads * per_thread + 1)
    )
    assert verify_chain() == (threads * per_thread, None)
