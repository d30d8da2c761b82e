"""PostgreSQL: node A may send two reads under a new consent at once; node B stores the consent once and
answers both (the loser of the insert race compares its terms with the stored copy instead of failing)."""

import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from licenses.consent.services import register_partner_consent
from licenses.models import Consent, PartnerNode

pytestmark = pytest.mark.postgres


@pytest.mark.django_db(transaction=True)
def test_two_first_calls_with_the_same_partner_consent_both_succeed():
    node = PartnerNode.objects.create(code="gs", name="甘肃", base_url="https://gs.example/", region_codes=["620000"])
    now = timezone.now()
    terms = {"reference": str(uuid.uuid4()), "holder_code": "630102198501010012", "holder_code_type": "111", "purpose": "核对", "grantee_name": "城东区民政局",
             "fields": {"X": ["name"]}, "granted_at": now.isoformat(), "expires_at": (now + timedelta(days=1)).isoformat()}
    start, errors, results = threading.Barrier(4), [], []

    def worker() -> None:
        try:
            start.wait()
            results.append(register_partner_consent(node=node, terms=terms).pk)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker) for _ in range(4)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert errors == [] and len(set(results)) == 1 and Consent.objects.count() == 1
