import pytest

pytestmark = pytest.mark.django_db

CATALOG_ADMINS = [
    "region",
    "department",
    "licensetype",
    "facefield",
    "serviceitem",
    "question",
    "materialrequirement",
]


@pytest.mark.parametrize("model", CATALOG_ADMINS)
def test_policy_staff_reach_import_and_export_of_every_catalog_entity(client, policy_user, model):
    client.force_login(policy_user)
    assert client.get(f"/admin/catalogs/{model}/import/").status_code == 200
    assert client.get(f"/admin/catalogs/{model}/export/").status_code == 200


@pytest.mark.parametrize("model", CATALOG_ADMINS)
def test_handlers_cannot_import_catalog_spreadsheets(client, handler_user, model):
    client.force_login(handler_user)
    assert client.get(f"/admin/catalogs/{model}/import/").status_code == 403
