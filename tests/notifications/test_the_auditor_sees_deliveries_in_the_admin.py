"""The auditor may read the messages and their deliveries in the admin (addresses masked); an applicant may not."""

import pytest
from django.test import Client

from notifications.models import Contact, Delivery
from notifications.services import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_auditor_reads_a_delivery_with_its_address_masked(auditor_user, applicant_user):
    Contact.objects.create(user=applicant_user, phone="13912345678")
    message = notify(recipient=applicant_user, kind="decided", key="a:1", title="办件已办结：准予", body="…")
    assert Delivery.objects.filter(message=message, channel="sms").exists()
    client = Client()
    client.force_login(auditor_user)
    page = client.get(f"/admin/notifications/message/{message.pk}/change/").content.decode()
    assert "办件已办结：准予" in page and "139****5678" in page and "13912345678" not in page


def test_an_applicant_cannot_open_the_admin_list():
    person = UserFactory()
    client = Client()
    client.force_login(person)
    assert client.get("/admin/notifications/message/").status_code == 302  # not staff: to the admin login
