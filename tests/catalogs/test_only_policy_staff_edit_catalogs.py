from datetime import date

import pytest

from catalogs.models import ServiceItem
from catalogs.services import publish_service_item
from tests.factories import DepartmentFactory, MaterialFactory, ServiceItemFactory

pytestmark = pytest.mark.django_db


def change_url(item):
    return f"/admin/catalogs/serviceitem/{item.pk}/change/"


@pytest.mark.parametrize("role_fixture", ["handler_user", "issuer_user", "auditor_user", "applicant_user"])
def test_other_roles_cannot_edit_service_items(client, request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    item = ServiceItemFactory(name="原名称")
    client.force_login(user)
    response = client.post(change_url(item), {"name": "被篡改"})
    assert response.status_code in (302, 403)
    item.refresh_from_db()
    assert item.name == "原名称"
    assert client.post("/admin/catalogs/department/add/", {"name": "X"}).status_code in (302, 403)


def test_policy_staff_can_edit_a_draft_in_the_admin(client, policy_user):
    item = ServiceItemFactory(name="原名称")
    MaterialFactory(service_item=item)
    client.force_login(policy_user)
    response = client.get(change_url(item))
    assert response.status_code == 200
    assert "版本历史" in response.content.decode()
    assert 'name="materials-0-note"' in response.content.decode()  # the draft's material list is editable


def test_a_published_version_is_read_only_even_for_policy_staff(client, policy_user):
    item = ServiceItemFactory(name="原名称")
    MaterialFactory(service_item=item)
    publish_service_item(item=item, effective_from=date(2026, 1, 1))
    client.force_login(policy_user)
    page = client.get(change_url(item)).content.decode()
    assert 'name="name"' not in page  # shown, not editable
    assert 'name="materials-0-note"' not in page
    assert "修改（创建新版本）" in page


def test_policy_staff_publish_from_the_admin_action_with_an_effective_date(client, policy_user):
    item = ServiceItemFactory()
    MaterialFactory(service_item=item)
    client.force_login(policy_user)
    data = {"action": "publish", "_selected_action": [item.pk]}
    confirm = client.post("/admin/catalogs/serviceitem/", data)
    assert "确认发布" in confirm.content.decode()
    client.post("/admin/catalogs/serviceitem/", {**data, "apply": "1", "effective_from": "2026-02-01"})
    item.refresh_from_db()
    assert (item.status, item.valid_from) == ("published", date(2026, 2, 1))


def test_the_publish_page_says_what_to_fix(client, policy_user):
    item = ServiceItemFactory(department=None)
    client.force_login(policy_user)
    page = client.post(
        "/admin/catalogs/serviceitem/", {"action": "publish", "_selected_action": [item.pk]}
    ).content.decode()
    assert "未设置实施部门" in page and "材料清单为空" in page


def test_policy_staff_start_a_new_version_from_a_published_one(client, policy_user):
    item = ServiceItemFactory(department=DepartmentFactory())
    MaterialFactory(service_item=item)
    publish_service_item(item=item, effective_from=date(2026, 1, 1))
    client.force_login(policy_user)
    response = client.post(f"/admin/catalogs/serviceitem/{item.pk}/new-version/")
    draft = ServiceItem.objects.get(code=item.code, version=2)
    assert response["Location"].endswith(change_url(draft))
    assert draft.materials.count() == 1


def test_a_handler_cannot_create_a_new_version(client, handler_user):
    item = ServiceItemFactory()
    MaterialFactory(service_item=item)
    publish_service_item(item=item, effective_from=date(2026, 1, 1))
    client.force_login(handler_user)
    client.post(f"/admin/catalogs/serviceitem/{item.pk}/new-version/")
    assert not ServiceItem.objects.filter(code=item.code, version=2).exists()
