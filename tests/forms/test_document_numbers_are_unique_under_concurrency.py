"""Two application servers handing out document numbers at once never give the same number twice."""

import pytest

from forms.documents.content import next_document_number
from tests.concurrency import run_at_once
from tests.factories import DepartmentFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_number_allocation_yields_distinct_consecutive_numbers():
    department = DepartmentFactory()

    def allocate() -> list[str]:
        return [
            next_document_number(department=department, kind="decision", prefix="JD", year=2026)
            for _ in range(10)
        ]

    batches, errors = run_at_once([allocate] * 4)
    assert not errors
    numbers = [number for batch in batches for number in batch]
    assert sorted(int(n.rsplit("-", 1)[1]) for n in numbers) == list(range(1, 41))
