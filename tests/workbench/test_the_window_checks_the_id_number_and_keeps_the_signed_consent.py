"""At the window the ID number is checked before anything is created (the check character, in Chinese), the
consent needs the scan of the paper form the applicant signed, and only the handler who started the walk-in
case carries it on."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.models import User
from tests.workbench.cases import ELDER
from tests.workflows.conftest import handler_of
from workflows.demo_runner import DEMO_PDF
from workflows.models import Case, CaseState

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _wrong_check_character(code: str) -> str:
    return code[:-1] + ("1" if code[-1] != "1" else "2")


def test_a_wrong_check_character_is_refused_in_chinese_and_nothing_is_created(demo):
    response = _client(demo.handler_mz).post(
        f"/workbench/window/{ELDER}/",
        {
            "holder_code": _wrong_check_character(demo.zhangsan.holder_code),
            "real_name": "张三",
            "q_retired": "false",
        },
    )
    assert response.status_code == 200
    assert "居民身份证号码校验码错误，请核对申请人出示的证件后重新输入" in response.content.decode()
    assert not Case.objects.exists()


def test_a_first_time_walk_in_gets_an_account_and_the_consent_needs_the_signed_form(demo, run):
    from licenses import demo as people

    client = _client(demo.handler_mz)
    response = client.post(
        f"/workbench/window/{ELDER}/",
        {"holder_code": people.CAIRANGCUO, "real_name": "才让措", "q_retired": "false"},
    )
    case = Case.objects.get()
    assert response.url == f"/workbench/window/cases/{case.pk}/"
    assert case.applicant.holder_code == people.CAIRANGCUO and not case.applicant.has_usable_password()
    assert case.state == CaseState.AWAITING_CONSENT

    unsigned = client.post(f"/workbench/window/cases/{case.pk}/consent/", {"accept": "1"}, follow=True)
    assert "窗口办理须上传申请人签字的授权书扫描件" in unsigned.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.AWAITING_CONSENT and not case.uploads.exists()

    signed = SimpleUploadedFile("授权书.pdf", DEMO_PDF, content_type="application/pdf")
    run(
        client.post,
        path=f"/workbench/window/cases/{case.pk}/consent/",
        data={"accept": "1", "signed_form": signed},
    )
    case.refresh_from_db()
    assert case.state == CaseState.FILLING and case.consent is not None
    assert case.uploads.get().material_key == "window:consent-form"


def test_another_handler_cannot_carry_on_someone_elses_walk_in_case(demo, run):
    client = _client(demo.handler_mz)
    client.post(
        f"/workbench/window/{ELDER}/",
        {"holder_code": demo.zhangsan.holder_code, "real_name": "张三", "q_retired": "false"},
    )
    case = Case.objects.get()
    colleague = handler_of(demo.handler_mz.department, "colleague")
    other = _client(colleague)
    assert other.get(f"/workbench/window/cases/{case.pk}/").status_code == 403
    signed = SimpleUploadedFile("授权书.pdf", DEMO_PDF, content_type="application/pdf")
    refused = other.post(
        f"/workbench/window/cases/{case.pk}/consent/", {"accept": "1", "signed_form": signed}
    )
    assert refused.status_code == 403
    case.refresh_from_db()
    assert case.state == CaseState.AWAITING_CONSENT
    assert User.objects.filter(holder_code=demo.zhangsan.holder_code).count() == 1  # his own account, reused
