"""The catalog import's dry run lists each changed value (old → new), keeps the uploaded file for the real
run, and the buttons say they are working; the export page's buttons sit below its text."""

import io

import pytest

from catalogs.importing import export_catalog
from catalogs.models import Department
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
URL = "/admin/catalogs/department/import/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _edited_csv(department) -> io.BytesIO:
    text = export_catalog(file_format="csv", entity="departments").decode("utf-8-sig")
    upload = io.BytesIO(text.replace(department.name, "西宁市城东区民政局（新）").encode("utf-8"))
    upload.name = "departments.csv"
    return upload


def test_the_dry_run_lists_old_and_new_values_then_imports_the_kept_file(client, policy_user):
    department = DepartmentFactory(name="西宁市城东区民政局")
    client.force_login(policy_user)
    dry = client.post(URL, {"file": _edited_csv(department), "dry_run": "on"})
    page = dry.content.decode()
    assert "将要修改的内容" in page
    assert "<del>西宁市城东区民政局</del>" in page and "<ins>西宁市城东区民政局（新）</ins>" in page
    department.refresh_from_db()
    assert department.name == "西宁市城东区民政局"  # nothing written by the dry run
    token = dry.context["kept"]["token"]
    assert (
        'name="kept"' in page
        and "已保留上次检查的文件“departments.csv”" in page
        and "正在处理，请稍候" in page
    )

    response = client.post(URL, {"kept": token})  # no new upload: the checked file is imported
    assert response.status_code == 302
    assert Department.objects.get(pk=department.pk).name == "西宁市城东区民政局（新）"


def test_the_export_page_buttons_are_in_the_flow_of_the_page(client, policy_user):
    client.force_login(policy_user)
    page = client.get("/admin/catalogs/department/export/").content.decode()
    assert 'class="export-downloads"' in page and 'class="object-tools" style="float:none"' not in page
