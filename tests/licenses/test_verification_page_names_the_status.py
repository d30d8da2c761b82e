"""The public page of a suspended or revoked license says which status and since when, and does not tick
the validity window green."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from licenses.selectors import verification_url
from licenses.services import revoke_license, suspend_license

from .helpers import issue_person_license

pytestmark = pytest.mark.django_db


def _page(version) -> str:
    return Client().get(verification_url(version)).content.decode()


def test_a_revoked_license_says_revoked_since_when_and_keeps_the_window_neutral():
    version = issue_person_license()
    with time_machine.travel(
        datetime(2026, 3, 8, 17, 0, tzinfo=UTC), tick=False
    ):  # 2026-03-09 01:00 in Beijing
        revoke_license(license=version.license, reason="依法吊销")
    page = _page(version)
    assert "✗ 已吊销" in page and "已吊销或注销" not in page
    assert "该证照自 2026-03-09 起已吊销，不能作为有效证照使用。" in page
    assert '<li class="neutral">– 在有效期内' in page and "✓ 在有效期内" not in page


def test_a_suspended_license_says_suspended():
    version = issue_person_license()
    suspend_license(license=version.license, reason="暂扣")
    page = _page(version)
    assert "✗ 已暂扣" in page and "起已暂扣" in page


def test_a_valid_license_keeps_its_green_ticks():
    page = _page(issue_person_license())
    assert "✓ 有效" in page and '<li class="ok">✓ 在有效期内' in page
