"""An auditor who switches to English reads the archive's admin labels in English; Chinese stays the default."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def auditor_client(user, *, language: str | None = None) -> Client:
    client = Client()
    client.force_login(user)
    if language:
        client.cookies["django_language"] = language
    return client


def test_the_archive_admin_is_available_in_english(auditor_user, package):
    client = auditor_client(auditor_user, language="en")
    index = client.get("/admin/").content.decode()
    assert "Electronic archive" in index
    assert "Four-property check (authenticity, integrity, usability, security) record" in index
    listing = client.get("/admin/archives/archivepackage/").content.decode()
    assert "Package ID" in listing and "Retention end date" in listing and package.package_id in listing


def test_the_archive_admin_is_chinese_without_the_switch(auditor_user):
    page = auditor_client(auditor_user).get("/admin/").content.decode()
    assert "电子档案" in page and "四性检测记录" in page and "Electronic archive" not in page
