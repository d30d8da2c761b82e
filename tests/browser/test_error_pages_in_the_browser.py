"""With DEBUG=0 (the live server's setting), a missing page and a forbidden page are the site's Chinese pages."""

import pytest
from django.conf import settings

from accounts.roles import AUDITOR
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_404_and_403_are_the_chinese_pages_in_production(page, live_server):
    assert settings.DEBUG is False
    UserFactory(username="auditor-browser", roles=[AUDITOR], is_staff=True)

    response = page.goto(f"{live_server.url}/no-such-page/")
    assert response.status == 404
    assert page.get_by_role("heading", name="您访问的页面不存在").is_visible()
    assert page.get_by_role("link", name="返回首页").is_visible()
    assert "Not Found" not in page.content()

    page.goto(f"{live_server.url}/accounts/login/?next=/rules/try/")
    page.fill("#id_username", "auditor-browser")
    page.fill("#id_password", "pw-for-tests-1")
    with page.expect_response(lambda r: r.url == f"{live_server.url}/rules/try/") as answer:
        page.click("main form [type=submit]")
    assert answer.value.status == 403
    assert page.get_by_role("heading", name="您没有权限访问此页面").is_visible()
    assert "Forbidden" not in page.content()
