"""403, 404 and 500 answer with the site's Chinese page (its header, a way back), not Django's English
defaults — in production (DEBUG=0) and in development (DEBUG=1, `make demo`)."""

import pytest
from django.test import Client

from accounts.roles import AUDITOR
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE_HEADER = "青海省一体化政务服务平台"


@pytest.fixture(params=[False, True], ids=["production", "development"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def test_a_missing_page_is_the_chinese_404(debug):
    response = Client().get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "您访问的页面不存在" in page and SITE_HEADER in page and 'href="/"' in page
    assert "Not Found" not in page and "Page not found" not in page


def test_a_page_the_role_may_not_open_is_the_chinese_403(debug):
    client = Client()
    client.force_login(UserFactory(roles=[AUDITOR], is_staff=True))
    response = client.get("/rules/try/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "您没有权限访问此页面" in page and SITE_HEADER in page
    assert "Forbidden" not in page


def test_a_failing_page_is_the_chinese_500(debug, settings):
    settings.ROOT_URLCONF = "tests.project.error_urls"
    response = Client(raise_request_exception=False).get("/broken/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "系统出现错误，请稍后再试" in page and SITE_HEADER in page
    assert "Server Error" not in page and "Traceback" not in page


def test_the_error_pages_follow_the_language_switch(settings):
    settings.DEBUG = False
    client = Client()
    client.cookies["django_language"] = "en"
    page = client.get("/no-such-page/").content.decode()
    assert "The page you are looking for does not exist" in page and "您访问的页面不存在" not in page
