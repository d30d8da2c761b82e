"""Each license on the verification status shows 核验通过 or, when it cannot be used, why — and becomes an
upload; a supplement notice's items are all listed in 我的办件."""

import pytest
from django.test import Client
from django.urls import reverse

from licenses.models import ELicense
from licenses.services import revoke_license
from tests.workflows.conftest import ENTERPRISE, ENTERPRISE_ANSWERS, MARRIAGE, File
from workflows.services import filling, review, starting

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_revoked_license_is_shown_as_an_upload_with_the_failed_check(
    demo, django_capture_on_commit_callbacks
):
    case = starting.start_case(
        service_code=MARRIAGE,
        applicant=demo.zhangsan,
        answers={"previously_divorced": False, "partner_id": demo.LISI},
    )
    hukou = ELicense.objects.get(holder_code=demo.zhangsan.holder_code, license_type__name="户口簿")
    revoke_license(license=hukou, reason="户口迁出，注销原户口簿")
    client = _client(demo.zhangsan)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:consent", args=[case.pk]), {"accept": "yes"})
    page = client.get(reverse("portal:progress", args=[case.pk])).content.decode()
    assert "居民身份证" in page and "核验通过" in page
    assert "转为上传" in page and "原因：户口簿核验未通过" in page
    form = client.get(reverse("portal:case", args=[case.pk])).content.decode()
    assert "选择文件：户口簿" in form  # asked for as an upload instead


def test_my_cases_lists_every_item_of_a_supplement_notice(demo, django_capture_on_commit_callbacks):
    case = starting.start_case(service_code=ENTERPRISE, applicant=demo.qiye, answers=ENTERPRISE_ANSWERS)
    for material in filling.required_uploads(case):
        filling.add_upload(case=case, user=demo.qiye, material_key=material.key, uploaded_file=File())
    data = {
        "legal_rep": "王五",
        "legal_rep_id": "630102198507164517",
        "company_name": "青海草原科技有限公司",
        "capital": "100",
        "address": "西宁市城西区五四西路 1 号",
        "scope": "乳制品技术开发",
        "phone": "13900000000",
    }
    with django_capture_on_commit_callbacks(execute=True):
        filling.submit(case=case, user=demo.qiye, data=data)
        review.claim(case=case, user=demo.handler_sj)
        review.request_supplement(
            case=case,
            user=demo.handler_sj,
            items=[{"key": "material:1", "reason": "章程未签字"}, {"name": "股东会决议", "reason": "需补充"}],
        )
    page = _client(demo.qiye).get(reverse("portal:my-cases")).content.decode()
    assert "待补正" in page and "请补正：公司章程、股东会决议" in page
