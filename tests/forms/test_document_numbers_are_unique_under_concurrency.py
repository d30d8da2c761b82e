"""Two application servers handing out document numbers at once never give the same number twice."""

import threading

import pytest
from django.db import connection

from forms.documents.content import next_document_number
from tests.factories import DepartmentFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_number_allocation_yields_distinct_consecutive_numbers():
    department = DepartmentFactory()
    numbers: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def allocate():
        try:
            barrier.wait()
            for _ in range(10):
                numbers.append(next_document_number(department=department, kind="decision", prefix="JD", year=2026))
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=allocate) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(int(n.rsplit("-", 1)[1]) for n in numbers) == list(range(1, 41))
