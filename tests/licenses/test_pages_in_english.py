"""Holders and the public who switch to English get the licenses pages in English; Chinese stays the
default, and what is stored (access log entries) and what the APIs return stays Chinese."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import APPLICANT, HANDLER, ISSUER
from catalogs.models import FaceField
from licenses.consent import grant_consent
from licenses.models import AccessLogEntry
from licenses.selectors import verification_url
from licenses.services import revoke_license
from tests.factories import DepartmentFactory, UserFactory, valid_citizen_id

from .helpers import issue_person_license, issuer_with_key, person_license_type

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def holder():
    issuer = issuer_with_key()
    license_type = person_license_type(issuers=[issuer])
    FaceField.objects.filter(license_type=license_type, key="citizen_id").update(sensitivity=3)
    code = valid_citizen_id()
    user = UserFactory(roles=[APPLICANT], holder_code=code, holder_code_type="111", real_name="张三")
    version = issue_person_license(
        issuer=issuer, license_type=license_type, holder_code=code, holder_name="张三"
    )
    grantee = DepartmentFactory(name="城东区民政局")
    UserFactory(
        roles=[HANDLER], is_staff=True, department=grantee
    )  # departments are offered when they read licenses
    return SimpleNamespace(
        user=user, version=version, issuer=issuer, license_type=license_type, grantee=grantee
    )


def browser(user=None, *, language: str | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    if language:
        client.cookies["django_language"] = language
    return client


def test_the_public_verification_page_is_available_in_english(holder):
    page = browser(language="en").get(verification_url(holder.version)).content.decode()
    assert 'lang="en"' in page and "E-license verification" in page and "✓ Valid" in page
    assert (
        "Verification details" in page
        and "The seal matches the license data" in page
        and "Within the validity period" in page
    )
    assert "trust list</a>" in page and "Issuer" in page
    assert holder.version.name in page  # license data stays as issued
    assert "电子证照核验" not in page and "签章与证照数据一致" not in page


def test_the_public_verification_page_is_chinese_without_the_switch(holder):
    page = browser().get(verification_url(holder.version), headers={"accept-language": "en"}).content.decode()
    assert (
        'lang="zh-hans"' in page
        and "电子证照核验" in page
        and "签章与证照数据一致" in page
        and "核验明细" in page
    )
    assert "E-license verification" not in page


def test_a_failed_verification_is_explained_in_english_while_the_api_stays_chinese(holder):
    revoke_license(license=holder.version.license, reason="吊销")
    client = browser(language="en")
    page = client.get(verification_url(holder.version)).content.decode()
    assert (
        "✗ Revoked" in page
        and "Revoked or cancelled" not in page
        and "The license is revoked" in page
        and "已吊销" not in page
    )
    assert "Verification code required" in client.get(f"/verify/{holder.version.identifier}").content.decode()
    api = reverse("licenses-api:verify", args=[holder.version.identifier])
    body = client.get(f"{api}?c={holder.version.verification_code}").json()
    assert body["result_label"] == "已吊销或注销" and "证照已吊销" in [c["message"] for c in body["checks"]]


def test_the_wallet_is_available_in_english(holder):
    page = browser(holder.user, language="en").get("/wallet/").content.decode()
    assert "My e-licenses" in page and "Open the verification page" in page and "Who read my licenses" in page
    assert (
        "License number: " in page
        and f"verification code {holder.version.verification_code}" in page
        and "Valid" in page
    )
    assert "我的电子证照夹" not in page and "打开核验页" not in page


def test_the_wallet_is_chinese_without_the_switch(holder):
    page = browser(holder.user).get("/wallet/").content.decode()
    assert "我的电子证照夹" in page and "打开核验页" in page and "证照编号：" in page
    assert "My e-licenses" not in page


def grant_form(holder) -> dict:
    return {
        "grantee_department": holder.grantee.pk,
        "type_codes": [holder.license_type.code],
        "purpose": "办理婚姻登记",
        "max_sensitivity": 2,
        "expires_in_days": 30,
    }


def test_the_consent_grant_page_and_its_preview_are_available_in_english(holder):
    client = browser(holder.user, language="en")
    page = client.get("/wallet/consents/new/").content.decode()
    assert (
        "Grant consent" in page
        and "Which department you authorise" in page
        and "What the department may read" in page
    )
    assert "Also ordinary personal information" in page and "Preview what will be read" in page
    preview = client.post("/wallet/consents/new/", grant_form(holder)).content.decode()
    assert (
        "Consent preview: what will be read" in preview and "Will read: " in preview and "准驾车型" in preview
    )  # field labels are data
    assert "公民身份号码 (“Sensitive” information, beyond what you chose)" in preview
    assert "Confirm consent" in preview and "授权预览" not in preview and "确认授权" not in preview


def test_the_consent_grant_page_is_chinese_without_the_switch(holder):
    client = browser(holder.user)
    assert "对方可以读取哪些信息" in client.get("/wallet/consents/new/").content.decode()
    preview = client.post("/wallet/consents/new/", grant_form(holder)).content.decode()
    assert (
        "授权预览：将被读取的内容" in preview
        and "准驾车型" in preview
        and "公民身份号码（属于“敏感”信息，超出您选择的范围）" in preview
    )
    assert "Consent preview" not in preview


def test_the_consents_list_is_available_in_english(holder):
    grant_consent(
        holder=holder.user,
        grantee_department=holder.grantee,
        type_codes=[holder.license_type.code],
        purpose="办理婚姻登记",
        max_sensitivity=2,
        expires_at=timezone.now() + timedelta(days=7),
    )
    page = browser(holder.user, language="en").get("/wallet/consents/").content.decode()
    assert (
        "My consents" in page
        and "Revoke consent" in page
        and "Grantee: 城东区民政局" in page
        and "办理婚姻登记" in page
    )
    assert 'valid">Valid</span>' in page and "May read:" in page and "撤回授权" not in page
    assert "撤回授权" in browser(holder.user).get("/wallet/consents/").content.decode()


def test_the_usage_record_is_available_in_english_while_the_entries_stay_chinese(holder):
    browser(language="en").get(verification_url(holder.version))  # a public read with the code
    client = browser(holder.user, language="en")
    client.get("/wallet/")  # the holder's own read
    page = client.get("/wallet/access-log/?own=1").content.decode()
    assert "Who read my licenses" in page and "Read by" in page and "Only reads by others" in page
    assert (
        "Public (with the verification code)" in page
        and "Public verification with the verification code" in page
    )
    assert (
        "Holder viewing their own licenses" in page
        and "My e-licenses" in page
        and 'valid">Read</span>' in page
    )
    assert "凭核验码公开核验" not in page and "谁读取了我的证照" not in page
    assert {e.purpose for e in AccessLogEntry.objects.all()} == {"凭核验码公开核验", "持证人查看本人证照"}
    assert {e.actor_label for e in AccessLogEntry.objects.filter(channel="public")} == {"公众（持核验码）"}


def test_the_usage_record_is_chinese_without_the_switch(holder):
    browser().get(verification_url(holder.version))
    page = browser(holder.user).get("/wallet/access-log/").content.decode()
    assert (
        "谁读取了我的证照" in page
        and "公众（持核验码）" in page
        and "凭核验码公开核验" in page
        and "已读取" in page
    )
    assert "Who read my licenses" not in page


def test_the_throttled_page_is_available_in_english(holder):
    client = browser(language="en")
    for _ in range(60):  # the default budget: 60 a minute per address
        client.get(f"/verify/{holder.version.identifier}", REMOTE_ADDR="203.0.113.9")
    response = client.get(f"/verify/{holder.version.identifier}", REMOTE_ADDR="203.0.113.9")
    page = response.content.decode()
    assert response.status_code == 429 and "Too many requests" in page and "Please try again in about" in page
    assert "请求过于频繁" not in page


def test_the_license_admin_is_available_in_english(holder):
    officer = UserFactory(roles=[ISSUER], is_staff=True, department=holder.issuer)
    client = browser(officer, language="en")
    changelist = client.get("/admin/licenses/elicense/").content.decode()
    assert (
        "Suspend the selected licenses (a reason is required)" in changelist and "Holder code" in changelist
    )
    assert (
        "Select E-license to view" in changelist and "E-licenses" in changelist
    )  # the model is singular, the app plural
    confirm = client.post(
        "/admin/licenses/elicense/",
        {"action": "action_suspended", "_selected_action": [holder.version.license_id]},
    )
    text = confirm.content.decode()
    assert (
        "Suspend the following 1 e-license; the action is recorded in the status history:" in text
        and 'value="Suspend now"' in text
    )
    done = client.post(
        "/admin/licenses/elicense/",
        {
            "action": "action_suspended",
            "_selected_action": [holder.version.license_id],
            "apply": "1",
            "reason": "test",
        },
        follow=True,
    ).content.decode()
    assert "Suspended 1 e-license" in done
    chinese = browser(officer).get("/admin/licenses/elicense/").content.decode()
    assert "暂扣所选证照（须填写原因）" in chinese
