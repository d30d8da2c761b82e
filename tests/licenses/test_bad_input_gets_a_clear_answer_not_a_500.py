"""Odd input from the outside gets an ordinary answer, never a server error: a verification code with
non-ASCII characters, a huge page size or offset on a paginated API."""

import pytest
from django.core.cache import cache

from tests.factories import UserFactory

from .helpers import issue_person_license


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def version(db):
    return issue_person_license()


@pytest.mark.parametrize("code", ["核验码", "ÄÖÜ", "🙂🙂🙂"])
def test_a_non_ascii_code_on_the_verification_page_is_simply_not_accepted(client, version, code):
    response = client.get(f"/verify/{version.identifier}", {"c": code})
    assert response.status_code == 200
    assert response.context["r"]["code_accepted"] is False


@pytest.mark.parametrize("code", ["核验码", "ÄÖÜ"])
def test_a_non_ascii_code_on_the_verification_api_is_simply_not_accepted(client, version, code):
    response = client.get(f"/api/v1/verify/{version.identifier}", {"c": code})
    assert response.status_code == 200
    assert response.json()["code_accepted"] is False


@pytest.mark.parametrize(
    "query", [{"limit": "9" * 30}, {"offset": "9" * 30}, {"limit": "9" * 19, "offset": "1"}]
)
def test_a_huge_limit_or_offset_is_capped_not_a_server_error(client, version, query):
    client.force_login(UserFactory(holder_code=version.license.holder_code, holder_code_type="111"))
    response = client.get("/api/v1/me/licenses/", query)
    assert response.status_code == 200, response.content[:300]


def test_a_huge_limit_is_capped_at_the_maximum_page_size(client, demo_catalog):
    response = client.get("/api/v1/catalog/service-items/", {"limit": "9" * 30})
    assert response.status_code == 200, response.content[:300]
    assert len(response.json()["results"]) <= 200
