"""The issuer's import page: a column template per license type, a dry run, and every bad row with its
spreadsheet line (the header is line 1), column and reason."""

import csv
import io

import pytest
import tablib
from django.urls import reverse

from accounts.roles import ISSUER
from licenses.models import ELicense
from tests.factories import UserFactory, valid_citizen_id

from .helpers import issuer_with_key, person_license_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    issuer = issuer_with_key()
    license_type = person_license_type(issuers=[issuer])
    client.force_login(UserFactory(roles=[ISSUER], is_staff=True, department=issuer))
    return license_type


def _csv(rows) -> io.BytesIO:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    upload = io.BytesIO(text.getvalue().encode("utf-8"))
    upload.name = "licenses.csv"
    return upload


def test_the_template_has_the_columns_of_the_chosen_type(client, officer):
    response = client.get(
        reverse("admin:licenses_elicense_import"), {"license_type": officer.pk, "template": "1"}
    )
    assert response["Content-Disposition"].endswith(f'license-import-{officer.code}.xlsx"')
    sheet = tablib.Dataset().load(response.content, format="xlsx")
    assert (
        sheet.headers[:3] == ["证照类型代码", "持证主体", "持证主体代码"]
        and "准驾车型" in sheet.headers
        and "姓名" not in sheet.headers
    )
    assert sheet[0][0] == officer.code


def test_a_bad_row_is_named_by_its_spreadsheet_line_and_nothing_is_issued(client, officer):
    upload = _csv(
        [
            ["证照类型代码", "持证主体", "持证主体代码", "准驾车型", "初次领证日期", "记分"],
            [officer.code, "赵六", valid_citizen_id(), "C1", "2012-01-01", "0"],
            [officer.code, "钱七", valid_citizen_id(), "Z9", "2012-01-01", "0"],
        ]
    )
    response = client.post(reverse("admin:licenses_elicense_import"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400 and "发现 1 处错误，未签发任何证照" in page
    assert "<td>3</td><td>准驾车型</td>" in page  # the third line of the spreadsheet
    assert not ELicense.objects.exists()
    assert "某些行验数据证失败" not in page
