"""Rates and password guessing are limited where it matters, by the real client address only:
X-Forwarded-For is trusted only through the configured number of proxies; every API view is throttled by
default; document verification is throttled like license verification; form login, admin login and HTTP
Basic lock an account and an address out after a few wrong passwords, with a Chinese message; a wrong Basic
password is answered 401 with WWW-Authenticate."""

import base64

import pytest
from django.core.cache import cache
from rest_framework.settings import api_settings

from tests.factories import UserFactory

PASSWORD = "pw-for-tests-1"


@pytest.fixture(autouse=True)
def _fresh_counters(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user(db):
    return UserFactory(username="zhangsan")


def _basic(username, password):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()}


def test_rotating_x_forwarded_for_does_not_escape_the_verify_throttle(client, db):
    statuses = [
        client.get(
            "/api/v1/verify/1.2.3", HTTP_X_FORWARDED_FOR=f"198.51.100.{i % 250}", REMOTE_ADDR="203.0.113.5"
        ).status_code
        for i in range(70)
    ]
    assert 429 in statuses


def test_behind_one_configured_proxy_the_address_it_appends_is_used(client, db, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    api_settings.reload()
    try:
        statuses = [
            client.get(
                "/api/v1/verify/1.2.3",
                HTTP_X_FORWARDED_FOR=f"forged-{i}, 198.51.100.7",
                REMOTE_ADDR="10.0.0.1",
            ).status_code
            for i in range(70)
        ]
        assert 429 in statuses
    finally:
        api_settings.reload()


def test_every_api_view_is_throttled_by_default():
    assert {cls.__name__ for cls in api_settings.DEFAULT_THROTTLE_CLASSES} >= {
        "AnonRateThrottle",
        "UserRateThrottle",
    }


def test_the_public_catalog_api_is_throttled_for_anonymous_callers(client, db):
    statuses = [
        client.get("/api/v1/catalog/regions/", REMOTE_ADDR="203.0.113.3").status_code for _ in range(125)
    ]
    assert statuses[0] == 200 and statuses[-1] == 429


def test_document_verification_is_throttled(client, db):
    statuses = [
        client.get(
            f"/documents/verify/SL-2026-000000000-{i:06d}", {"h": "AAAAAAAAAA"}, REMOTE_ADDR="203.0.113.8"
        ).status_code
        for i in range(70)
    ]
    assert statuses[0] == 404 and statuses[-1] == 429


def test_a_wrong_basic_password_is_401_with_www_authenticate(client, user):
    response = client.get("/api/v1/me/licenses/", **_basic("zhangsan", "wrong"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic")


def test_anonymous_api_calls_without_credentials_stay_403(client, db):
    assert client.get("/api/v1/me/licenses/").status_code == 403


def test_the_right_basic_password_still_works(client, user):
    assert client.get("/api/v1/me/licenses/", **_basic("zhangsan", PASSWORD)).status_code == 200


def test_form_login_locks_the_account_after_five_wrong_passwords_with_a_chinese_message(client, user):
    for _ in range(5):
        client.post(
            "/accounts/login/", {"username": "zhangsan", "password": "wrong"}, REMOTE_ADDR="203.0.113.20"
        )
    # even the right password from another address is refused while the account is locked
    response = client.post(
        "/accounts/login/", {"username": "zhangsan", "password": PASSWORD}, REMOTE_ADDR="203.0.113.21"
    )
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_address_is_locked_out_whatever_usernames_it_tries(client, user):
    for i in range(5):
        client.post(
            "/accounts/login/", {"username": f"guess{i}", "password": "wrong"}, REMOTE_ADDR="203.0.113.30"
        )
    response = client.post(
        "/accounts/login/", {"username": "zhangsan", "password": PASSWORD}, REMOTE_ADDR="203.0.113.30"
    )
    assert response.status_code == 429


def test_admin_login_is_limited_too(client, db):
    UserFactory(username="admin1", is_staff=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "admin1", "password": "wrong"}, REMOTE_ADDR="203.0.113.40")
    response = client.post(
        "/admin/login/", {"username": "admin1", "password": PASSWORD}, REMOTE_ADDR="203.0.113.41"
    )
    assert response.status_code == 429 and "登录失败次数过多" in response.content.decode()


def test_basic_auth_guessing_is_locked_out_with_a_chinese_problem(client, user):
    for _ in range(5):
        client.get("/api/v1/me/licenses/", REMOTE_ADDR="203.0.113.50", **_basic("zhangsan", "wrong"))
    response = client.get("/api/v1/me/licenses/", REMOTE_ADDR="203.0.113.51", **_basic("zhangsan", PASSWORD))
    assert response.status_code == 429
    assert "登录失败次数过多" in response.json()["title"]


def test_a_successful_login_is_not_hindered_by_a_few_earlier_mistakes(client, user):
    for _ in range(3):
        client.post(
            "/accounts/login/", {"username": "zhangsan", "password": "wrong"}, REMOTE_ADDR="203.0.113.60"
        )
    response = client.post(
        "/accounts/login/", {"username": "zhangsan", "password": PASSWORD}, REMOTE_ADDR="203.0.113.60"
    )
    assert response.status_code == 302
