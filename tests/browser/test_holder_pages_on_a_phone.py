"""张三 reads who read his licenses and manages his consents on a 390×844 phone: nothing scrolls sideways and
no English key, type code or consent reference shows."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import DepartmentFactory, UserFactory, valid_citizen_id
from tests.licenses.helpers import issue_person_license, issuer_with_key, person_license_type

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KEY = re.compile(r"\b[a-z]+_[a-z_]+\b")  # birth_date, vehicle_class …
CODE = re.compile(r"\d{10,}[A-Z]\d{3}|[0-9a-f]{8}-[0-9a-f]{4}")  # a type code, a consent reference


def _world():
    from accounts.roles import APPLICANT, HANDLER
    from licenses.audit import Reader, record_access
    from licenses.consent import grant_consent
    from licenses.models import AccessChannel, AccessResult

    issuer = issuer_with_key()
    license_type = person_license_type(issuers=[issuer], name="机动车驾驶证")
    code = valid_citizen_id()
    holder = UserFactory(
        username="zhangsan-phone",
        roles=[APPLICANT],
        holder_code=code,
        holder_code_type="111",
        real_name="张三",
    )
    version = issue_person_license(
        issuer=issuer, license_type=license_type, holder_code=code, holder_name="张三"
    )
    grantee = DepartmentFactory(name="西宁市城东区民政局")
    handler = UserFactory(roles=[HANDLER], is_staff=True, department=grantee, real_name="马晓梅")
    consent = grant_consent(
        holder=holder,
        grantee_department=grantee,
        type_codes=[license_type.code],
        purpose="办理内地居民婚姻登记（630000-MZ-0001）",
        requested_fields={license_type.code: ["name", "vehicle_class"]},
        max_sensitivity=2,
        expires_at=timezone.now() + timedelta(days=30),
    )
    reader = Reader(
        channel=AccessChannel.GATEWAY,
        user=handler,
        purpose="办理内地居民婚姻登记（630000-MZ-0001）",
        case_reference="MZB-DEMO-000001",
        consent_reference=str(consent.reference),
    )
    record_access(
        reader=reader,
        result=AccessResult.GRANTED,
        license=version.license,
        license_identifier=version.identifier,
        license_name=version.name,
        fields_read=["name", "vehicle_class"],
    )
    record_access(
        reader=reader,
        result=AccessResult.DENIED,
        license=version.license,
        license_identifier=version.identifier,
        license_name=version.name,
        detail="您没有通过证照网关读取证照的权限",
    )
    return consent


def _no_sideways_scroll_and_no_keys(phone):
    assert phone.evaluate("document.documentElement.scrollWidth") == phone.viewport_size["width"] == 390
    text = phone.locator("main").inner_text()
    assert not KEY.search(text), KEY.search(text)
    assert not CODE.search(text), CODE.search(text)
    return text


def test_the_access_log_and_consents_fit_a_phone_and_speak_chinese(phone, live_server):
    consent = _world()
    phone.goto(f"{live_server.url}/accounts/login/?next=/wallet/access-log/")
    phone.fill("#id_username", "zhangsan-phone")
    phone.fill("#id_password", "pw-for-tests-1")
    phone.click("main form [type=submit]")
    phone.get_by_role("heading", name="谁读取了我的证照").wait_for()
    text = _no_sideways_scroll_and_no_keys(phone)
    assert "姓名、准驾车型" in text and "原因：您没有通过证照网关读取证照的权限" in text

    phone.get_by_role("link", name="管理我的用证授权").click()
    phone.get_by_role("heading", name="我的用证授权").wait_for()
    text = _no_sideways_scroll_and_no_keys(phone)
    assert "机动车驾驶证：姓名、准驾车型" in text

    phone.get_by_role("link", name="撤回授权").click()
    phone.get_by_role("button", name="确认撤回").click()
    phone.get_by_text("自此不能再读取您的证照").wait_for()
    text = _no_sideways_scroll_and_no_keys(phone)
    consent.refresh_from_db()
    assert consent.revoked_at is not None and "撤回" in text
