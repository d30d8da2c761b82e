"""The demo's applicants and handlers get a mobile number (SMS to the console provider), and loading twice
changes nothing."""

import pytest

from notifications import demo as notifications_demo
from notifications.models import Contact

pytestmark = pytest.mark.django_db


def test_loading_the_demo_twice_gives_each_demo_person_one_contact(demo):
    notifications_demo.load()
    notifications_demo.load()
    assert Contact.objects.get(user=demo.zhangsan).phone == "13800000001"
    assert Contact.objects.filter(user__username__in=notifications_demo.DEMO_CONTACTS).count() == 5
