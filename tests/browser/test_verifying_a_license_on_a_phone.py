"""Someone scans a license's QR code with a phone: the page says valid and shows only masked data."""

import pytest

from licenses.selectors import verification_url
from tests.factories import valid_citizen_id
from tests.licenses.helpers import issue_person_license

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_qr_link_shows_a_valid_license_with_the_holder_masked(phone, live_server):
    holder = valid_citizen_id()
    version = issue_person_license(holder_code=holder, holder_name="张小三")
    phone.goto(live_server.url + verification_url(version))
    body = phone.locator("main").inner_text()
    assert "有效" in body
    assert "张*三" in body and "张小三" not in body
    assert holder[:6] + "********" + holder[-4:] in body and holder not in body
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone


def test_without_the_code_the_page_only_says_whether_it_is_valid(phone, live_server):
    version = issue_person_license(holder_name="张小三")
    phone.goto(f"{live_server.url}/verify/{version.identifier}")
    body = phone.locator("main").inner_text()
    assert "张" not in body and "有效" in body
