"""The holder license index comes from the setting RULES_LICENSE_INDEX_PROVIDER (rules never imports licenses)."""

import importlib
from datetime import date

import pytest
from django.conf import settings as django_settings

from rules.resolution import license_index_provider, resolve
from tests.factories import valid_citizen_id

pytestmark = pytest.mark.django_db


def test_the_default_provider_is_the_licenses_apps_index():
    from project import settings as project_settings

    assert project_settings.RULES_LICENSE_INDEX_PROVIDER == "licenses.selectors.license_index_for_holder"


def test_the_provider_is_read_from_the_setting(settings):
    from tests.rules import conftest

    assert django_settings.RULES_LICENSE_INDEX_PROVIDER == "tests.rules.conftest.holder_index"
    assert license_index_provider() is conftest.holder_index


def test_resolving_with_the_real_licenses_provider(demo_rules, settings):
    """Runs once the licenses branch is merged: a holder with no licenses gets every license type as "none"."""
    settings.RULES_LICENSE_INDEX_PROVIDER = "licenses.selectors.license_index_for_holder"
    try:
        selectors = importlib.import_module("licenses.selectors")
    except ModuleNotFoundError:
        pytest.skip("licenses.selectors is not merged yet")
    if not hasattr(selectors, "license_index_for_holder"):
        pytest.skip("licenses.selectors.license_index_for_holder is not merged yet")
    resolution = resolve(
        service_code="630000-MZ-0001",
        holder_code=valid_citizen_id(birth="19900101"),
        answers={"previously_divorced": False, "partner_id": "x"},
        on=date(2026, 6, 1),
    )
    assert {m["name"]: m["mode"] for m in resolution["materials"]}["居民身份证"] == "upload"
