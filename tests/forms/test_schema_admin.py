"""Policy staff edit a draft version's form in the admin; a published version's form is read-only there."""

from django.utils import timezone

from catalogs.services import publish_service_item
from forms.services.schemas import define_schema
from tests.factories import MaterialFactory, ServiceItemFactory


def _schema(published: bool):
    item = ServiceItemFactory()
    schema = define_schema(service_item=item, fields=[{"key": "a", "label": "甲"}])
    if published:
        MaterialFactory(service_item=item)
        publish_service_item(item=item, effective_from=timezone.localdate())
    return schema


def test_policy_staff_can_open_a_draft_schema_for_editing(client, policy_user):
    schema = _schema(published=False)
    client.force_login(policy_user)
    response = client.get(f"/admin/forms/formschema/{schema.pk}/change/")
    assert response.status_code == 200 and 'name="_save"' in response.content.decode()


def test_a_published_schema_cannot_be_changed_in_the_admin(client, policy_user):
    schema = _schema(published=True)
    client.force_login(policy_user)
    page = client.get(f"/admin/forms/formschema/{schema.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = client.post(f"/admin/forms/formschema/{schema.pk}/change/", {"title": "改过的标题"})
    assert response.status_code == 403
    schema.refresh_from_db()
    assert schema.title == ""
