"""Fixtures of the rules tests.

The holder license index belongs to the `licenses` app, which `rules` never imports: it reads
the provider from settings.RULES_LICENSE_INDEX_PROVIDER. These tests point that setting at
``holder_index``, a test double kept in this module: a dict of what each holder holds.
"""

from datetime import date

import pytest

HOLDINGS: dict[str, list[dict]] = {}
CALLS: list[tuple[str, date | None]] = []


def holder_index(holder_code: str, *, on: date | None = None) -> list[dict]:
    CALLS.append((holder_code, on))
    return [dict(entry) for entry in HOLDINGS.get(holder_code, [])]


@pytest.fixture(autouse=True)
def _license_index(settings):
    settings.RULES_LICENSE_INDEX_PROVIDER = "tests.rules.conftest.holder_index"
    HOLDINGS.clear()
    CALLS.clear()
    yield HOLDINGS
    HOLDINGS.clear()


@pytest.fixture
def holdings():
    return HOLDINGS


@pytest.fixture(scope="module")
def _demo_rules_for_module(django_db_setup, django_db_blocker):
    """Load the demo catalog and rulesets once per test module (publishing runs ~100 rule tests), and
    remove them afterwards so that no other module sees them."""
    from django.db import transaction

    from catalogs import demo as catalog_demo
    from rules import demo as rules_demo

    with django_db_blocker.unblock(), transaction.atomic():
        counts = catalog_demo.load()
        rules_demo.load()
    yield counts
    with django_db_blocker.unblock(), transaction.atomic():
        from catalogs.models import Department, LicenseType, Region, ServiceItem
        from rules.models import RuleSet

        RuleSet.objects.all().delete()
        ServiceItem.objects.all().delete()
        LicenseType.objects.all().delete()
        Department.objects.all().delete()
        Region.objects.filter(parent__parent__isnull=False).delete()
        Region.objects.filter(parent__isnull=False).delete()
        Region.objects.all().delete()


@pytest.fixture
def demo_rules(_demo_rules_for_module, db):
    """The demo catalog with every demo ruleset published; changes a test makes are rolled back."""
    return _demo_rules_for_module


def hold(holder_code: str, key: str, status: str = "valid") -> None:
    """Give ``holder_code`` a demo license of type ``key`` (ID, HUKOU, RETIRE …) with ``status``."""
    from catalogs import demo as catalog_demo

    HOLDINGS.setdefault(holder_code, []).append(
        {
            "type_code": catalog_demo.license_type(key).code,
            "status": status,
            "identifier": f"test-{key}",
            "expires_on": None,
        }
    )
