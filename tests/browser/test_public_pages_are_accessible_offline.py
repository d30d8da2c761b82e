"""The public pages (the home page, the two lists, login) pass axe-core with no serious or critical violation and load nothing
from outside the app; the API docs (Swagger UI, drf-spectacular-sidecar) render offline too."""

import pytest

from tests.browser.checks import assert_accessible, assert_offline_ok, offline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/", "/catalog/issuing/", "/catalog/usage/", "/accounts/login/"])
def test_a_public_page_passes_axe_with_the_network_cut_off(page, live_server, path):
    offline(page, live_server)
    page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state("networkidle")
    assert_offline_ok(page)
    assert_accessible(page)


def test_the_api_docs_render_their_operations_with_no_internet(page, live_server):
    """Swagger UI is third-party, so axe is not asked; what matters offline is that it draws the operations."""
    offline(page, live_server)
    page.goto(f"{live_server.url}/api/docs/")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() > 20
    assert_offline_ok(page)
