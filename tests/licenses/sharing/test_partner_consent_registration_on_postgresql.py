"""PostgreSQL: node A may send two reads under a new consent at once; node B stores the consent once and
answers both (the loser of the insert race compares its terms with the stored copy instead of failing)."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from licenses.consent.services import register_partner_consent
from licenses.models import Consent, PartnerNode
from tests.concurrency import run_at_once

pytestmark = pytest.mark.postgres


@pytest.mark.django_db(transaction=True)
def test_two_first_calls_with_the_same_partner_consent_both_succeed():
    node = PartnerNode.objects.create(
        code="gs", name="甘肃", base_url="https://gs.example/", region_codes=["620000"]
    )
    now = timezone.now()
    terms = {
        "reference": str(uuid.uuid4()),
        "holder_code": "630102198501010012",
        "holder_code_type": "111",
        "purpose": "核对",
        "grantee_name": "城东区民政局",
        "fields": {"X": ["name"]},
        "granted_at": now.isoformat(),
        "expires_at": (now + timedelta(days=1)).isoformat(),
    }
    results, errors = run_at_once([lambda: register_partner_consent(node=node, terms=terms).pk] * 4)
    assert errors == [] and len(set(results)) == 1 and Consent.objects.count() == 1
