"""Status history written before it was sealed (migration 0005) is numbered, chained and sealed by 0006,
so existing licenses keep verifying; and what 0006 seals is what ``verify_license`` checks."""

import importlib

from django.apps import apps
from django.db import connection

from licenses.services import suspend_license
from licenses.verification import verify_license

from .helpers import issue_person_license


def test_existing_unsealed_history_is_sealed_and_verifies(db):
    version = issue_person_license()
    suspend_license(license=version.license, reason="暂扣")
    with connection.cursor() as cursor:  # as it was before 0005
        cursor.execute(
            "UPDATE licenses_statuschange SET seq = NULL, prev_hash = '', seal_key_id = NULL, seal_signature = ''"
        )
    assert verify_license(identifier=version.identifier).failed("status_history")
    migration = importlib.import_module("licenses.migrations.0006_seal_existing_status_history")
    migration.seal_existing(apps, None)
    report = verify_license(identifier=version.identifier)
    assert not report.failed("status_history") and report.result == "suspended"
