import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalogs.models import ServiceItem
from catalogs.workbooks import read_sheets
from tests.catalogs.spreadsheets import service_item_rows, service_items_sheet, xlsx
from tests.factories import DepartmentFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.catalogs.admin_io_urls")]

IMPORT_URL = "/admin/catalogs/serviceitem/import/"
EXPORT_URL = "/admin/catalogs/serviceitem/export/"


def upload(rows, *, dry_run=False):
    data = {"file": SimpleUploadedFile("items.xlsx", xlsx(service_items_sheet(rows)))}
    if dry_run:
        data["dry_run"] = "on"
    return data


@pytest.fixture
def rows():
    return service_item_rows(5, department=DepartmentFactory())


def test_policy_staff_import_a_workbook_through_the_admin(client, policy_user, rows):
    client.force_login(policy_user)
    response = client.post(IMPORT_URL, upload(rows))
    assert response.status_code == 302
    assert ServiceItem.objects.count() == 5


def test_an_admin_import_with_one_bad_row_writes_nothing_and_shows_the_row(client, policy_user, rows):
    rows[2][4] = "行政审批"
    client.force_login(policy_user)
    response = client.post(IMPORT_URL, upload(rows))
    assert response.status_code == 400
    assert ServiceItem.objects.count() == 0
    page = response.content.decode()
    assert "<td>政务服务事项</td><td>4</td><td>事项类型</td><td>未知的事项类型“行政审批”" in page


def test_an_admin_dry_run_reports_and_writes_nothing(client, policy_user, rows):
    client.force_login(policy_user)
    response = client.post(IMPORT_URL, upload(rows, dry_run=True))
    assert response.status_code == 200
    assert "检查通过（试运行，未写入）" in response.content.decode()
    assert ServiceItem.objects.count() == 0


def test_policy_staff_export_from_the_admin(client, policy_user, demo_catalog):
    client.force_login(policy_user)
    response = client.get(EXPORT_URL, {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="service_items-')
    [sheet] = read_sheets(response.content, filename="x.xlsx")
    assert len(sheet.rows) == ServiceItem.objects.count()


@pytest.mark.parametrize("role", ["handler", "issuer", "auditor", "applicant"])
def test_a_user_without_the_change_permission_can_neither_import_nor_export(client, role, rows):
    user = UserFactory(roles=[role], is_staff=True)
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, upload(rows)).status_code == 403
    assert client.get(EXPORT_URL, {"format": "csv"}).status_code == 403
    assert ServiceItem.objects.count() == 0


def test_the_import_and_export_buttons_show_only_for_policy_staff(client, policy_user):
    handler = UserFactory(roles=["handler"], is_staff=True)
    client.force_login(handler)
    assert IMPORT_URL not in client.get("/admin/catalogs/serviceitem/").content.decode()
    client.force_login(policy_user)
    page = client.get("/admin/catalogs/serviceitem/").content.decode()
    assert IMPORT_URL in page and EXPORT_URL in page


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_import_page_explains_the_rule_and_lists_the_columns(client, policy_user):
    client.force_login(policy_user)
    page = client.get(IMPORT_URL).content.decode()
    assert "全有或全无" in page
    assert "事项编码、版本、事项名称" in page
    assert 'name="dry_run"' in page and "checked" in page


def test_the_export_page_offers_xlsx_and_csv(client, policy_user):
    client.force_login(policy_user)
    page = client.get(EXPORT_URL).content.decode()
    assert 'href="?format=xlsx"' in page and 'href="?format=csv"' in page


def test_an_admin_import_leaves_an_entry_in_the_admin_history(client, policy_user, rows):
    from django.contrib.admin.models import LogEntry

    client.force_login(policy_user)
    client.post(IMPORT_URL, upload(rows))
    entry = LogEntry.objects.get(user=policy_user)
    assert (entry.object_repr, entry.change_message) == (
        "电子表格导入：items.xlsx",
        "政务服务事项：共 5 行，新增 5，修改 0，未变 0",
    )
