"""Concurrent issuing on PostgreSQL: the serial counter row lock hands out each serial once."""

import pytest

from licenses.models import ELicense
from tests.concurrency import run_at_once

from .helpers import issue_person_license, issuer_with_key, person_license_type


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_issues_of_one_type_get_distinct_consecutive_serials():
    issuer = issuer_with_key()
    license_type = person_license_type(issuers=[issuer])

    def issue_some() -> None:
        for _ in range(5):
            issue_person_license(issuer=issuer, license_type=license_type)

    _, errors = run_at_once([issue_some] * 4)
    serials = sorted(ELicense.objects.values_list("serial", flat=True))
    assert errors == []
    assert serials == [f"{n:08d}" for n in range(1, 21)]
