"""An issuer issues one license from the admin form and opens its public verification page."""

import pytest

from licenses.models import LicenseVersion
from tests.factories import UserFactory, valid_citizen_id
from tests.licenses.helpers import issuer_with_key, person_license_type

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_issuer_issues_a_license_and_opens_its_verification_page(page, live_server):
    from accounts.roles import ISSUER

    department = issuer_with_key()
    license_type = person_license_type(issuers=[department], name="浏览器驾驶证")
    UserFactory(username="issuer-browser", roles=[ISSUER], is_staff=True, department=department)
    code = valid_citizen_id()

    page.goto(f"{live_server.url}/admin/login/?next=/admin/licenses/elicense/")
    page.fill("#id_username", "issuer-browser")
    page.fill("#id_password", "pw-for-tests-1")
    page.click("input[type=submit]")
    page.get_by_role("link", name="签发电子证照").click()
    page.select_option("select[name=license_type]", label="浏览器驾驶证")
    page.get_by_role("button", name="选择").click()
    page.fill("input[name=holder_name]", "王小明")
    page.fill("input[name=holder_code]", code)
    page.select_option("select[name=face_vehicle_class]", "C1")
    page.fill("input[name=face_first_issue_date]", "2020-03-01")
    page.fill("input[name=face_points]", "0")
    page.get_by_role("button", name="签发并加盖电子印章").click()
    page.locator(".messagelist .success").wait_for()

    version = LicenseVersion.objects.get(license__holder_code=code)
    assert version.license.license_type == license_type
    link = page.get_by_role("link", name="打开核验页")
    page.goto(live_server.url + link.get_attribute("href"))
    assert page.get_by_text("✓ 有效").first.is_visible()
    assert version.identifier in page.content()
