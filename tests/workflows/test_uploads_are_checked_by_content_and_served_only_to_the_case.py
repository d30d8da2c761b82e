"""Uploads: type checked by content (PDF, JPEG, PNG — not the name), size limited, stored outside the web
root, served only to those who may see the case, with headers that keep a browser from running them."""

import pytest
from django.conf import settings as django_settings

from tests.workflows.api import client_for, post, start
from tests.workflows.conftest import MARRIAGE, PNG, File
from workflows.models import CaseUpload

pytestmark = pytest.mark.django_db


@pytest.fixture
def filling_case(demo, run):
    client = client_for(demo.zhangsan)
    case = run(
        start, client=client, code=MARRIAGE, answers={"previously_divorced": False, "partner_id": demo.LISI}
    )
    run(post, client=client, path=f"/api/v1/cases/{case['id']}/consent/", body={"accept": True})
    return client, case["id"]


def _upload(client, case_id, content, name="照片.png"):
    return client.post(
        f"/api/v1/cases/{case_id}/uploads/",
        {"material": "material:3", "file": File(content, name)},
        format="multipart",
    )


def test_a_file_named_pdf_that_is_not_one_is_refused(filling_case):
    client, case_id = filling_case
    response = _upload(client, case_id, b"<html><script>alert(1)</script></html>", name="照片.pdf")
    assert response.status_code == 400
    assert response.json()["title"] == "只能上传 PDF、JPEG 或 PNG 文件（按文件内容识别，改扩展名无效）"
    assert not CaseUpload.objects.filter(case_id=case_id).exists()


def test_a_file_over_the_limit_is_refused_with_the_limit_named(filling_case, settings):
    settings.CASE_UPLOAD_MAX_BYTES = 1024 * 1024
    client, case_id = filling_case
    response = _upload(client, case_id, PNG + b"\0" * (1024 * 1024))
    assert response.status_code == 400 and "不能超过 1 MB" in response.json()["title"]


def test_a_material_the_case_does_not_ask_for_is_refused(filling_case):
    client, case_id = filling_case
    response = client.post(
        f"/api/v1/cases/{case_id}/uploads/",
        {"material": "license:nothing", "file": File(PNG, "a.png")},
        format="multipart",
    )
    assert response.status_code == 400 and "不需要上传该材料" in response.json()["title"]


def test_an_upload_is_kept_outside_the_web_root_and_served_only_to_the_case(filling_case, demo):
    client, case_id = filling_case
    assert _upload(client, case_id, PNG, name="../../etc/passwd.png").status_code == 201
    upload = CaseUpload.objects.get(case_id=case_id)
    assert upload.media_type == "image/png" and upload.original_name == "passwd.png"
    stored = upload.file.path
    assert stored.startswith(str(django_settings.CASE_UPLOAD_ROOT)) and not stored.startswith(
        str(django_settings.MEDIA_ROOT)
    )
    url = f"/api/v1/cases/{case_id}/uploads/{upload.pk}/file"
    own = client.get(url)
    assert own.status_code == 200 and b"".join(own.streaming_content) == PNG
    assert (
        own["Content-Type"] == "image/png"
        and own["X-Content-Type-Options"] == "nosniff"
        and own["Content-Security-Policy"] == "sandbox"
    )
    assert client_for(demo.lisi).get(url).status_code == 404
    assert client_for(demo.handler_sj).get(url).status_code == 404  # not 市场监管's case
    assert client_for(demo.handler_mz).get(url).status_code == 200  # 民政 handles 婚姻登记
