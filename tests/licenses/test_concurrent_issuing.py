"""Concurrent issuing on PostgreSQL: the serial counter row lock hands out each serial once."""

import threading

import pytest
from django.db import connection

from licenses.models import ELicense

from .helpers import issue_person_license, issuer_with_key, person_license_type


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_issues_of_one_type_get_distinct_consecutive_serials():
    issuer = issuer_with_key()
    license_type = person_license_type(issuers=[issuer])
    errors: list[Exception] = []
    barrier = threading.Barrier(4)

    def issue_some():
        try:
            barrier.wait()
            for _ in range(5):
                issue_person_license(issuer=issuer, license_type=license_type)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue_some) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    serials = sorted(ELicense.objects.values_list("serial", flat=True))
    assert errors == []
    assert serials == [f"{n:08d}" for n in range(1, 21)]
