"""A form submitted without a valid CSRF token gets a Chinese page that says what to do, not Django's English one."""

from django.test import Client


def test_a_post_without_a_csrf_token_gets_a_chinese_explanation(db):
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "请求未通过安全校验" in text and "刷新后重新提交" in text
    assert "CSRF verification failed" not in text
