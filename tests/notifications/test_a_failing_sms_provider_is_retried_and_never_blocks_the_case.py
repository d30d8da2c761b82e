"""An SMS provider that raises does not stop the case: the case is decided and archived, the delivery waits
with its error and the time of its next attempt, and the sweep sends it once that time has come; after
NOTIFY_MAX_ATTEMPTS it is given up as failed. A channel that breaks outright leaves the case untouched too."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from notifications.channels import Channel, channels
from notifications.models import Delivery, DeliveryState, Message
from notifications.sms import SmsProvider, sms_providers
from notifications.tasks import retry_deliveries
from tests.notifications.helpers import instant_marriage, reachable
from workflows.models import Case, CaseState

pytestmark = pytest.mark.django_db


class Flaky(SmsProvider):
    """Fails the first ``failures`` sends, then sends (and remembers what it sent)."""

    def __init__(self, failures: int):
        self.failures, self.sent = failures, []

    def send(self, *, phone: str, text: str) -> str:
        if self.failures > 0:
            self.failures -= 1
            raise ConnectionError("短信网关超时")
        self.sent.append((phone, text))
        return "ok"


@pytest.fixture
def flaky(settings):
    provider = Flaky(failures=1)
    sms_providers.register_instance("flaky", provider)
    settings.NOTIFY_SMS_PROVIDER = "flaky"
    settings.NOTIFY_RETRY_SECONDS = 30
    yield provider
    sms_providers.unregister("flaky")


def test_the_case_completes_while_the_sms_waits_and_the_sweep_sends_it_after_the_backoff(demo, run, flaky):
    reachable(demo.zhangsan, email="", phone="13800000001")
    flaky.failures = 3  # the three messages of the case each fail once
    case_id = instant_marriage(demo, run)
    assert Case.objects.get(pk=case_id).state == CaseState.ARCHIVED
    waiting = Delivery.objects.filter(channel="sms")
    assert waiting.count() == 3
    for delivery in waiting:
        assert delivery.state == DeliveryState.RETRYING and delivery.attempts == 1
        assert "短信网关超时" in delivery.last_error and delivery.next_attempt_at > timezone.now()
    assert retry_deliveries() == 0  # not yet: the backoff has not passed
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        assert retry_deliveries() == 3
    assert set(waiting.values_list("state", flat=True)) == {DeliveryState.SENT}
    assert set(waiting.values_list("attempts", flat=True)) == {2}
    assert len(flaky.sent) == 3 and all(phone == "13800000001" for phone, _text in flaky.sent)


def test_a_delivery_that_never_succeeds_is_given_up_after_the_last_attempt(demo, run, flaky, settings):
    settings.NOTIFY_MAX_ATTEMPTS = 3
    reachable(demo.zhangsan, email="", phone="13800000001")
    flaky.failures = 10_000
    instant_marriage(demo, run)
    delivery = Delivery.objects.filter(channel="sms").first()
    now = timezone.now()
    for step in (1, 2):
        with time_machine.travel(now + timedelta(hours=step)):
            retry_deliveries()
    delivery.refresh_from_db()
    assert (
        delivery.state == DeliveryState.FAILED and delivery.attempts == 3 and delivery.next_attempt_at is None
    )
    with time_machine.travel(now + timedelta(days=1)):
        retry_deliveries()
    delivery.refresh_from_db()
    assert delivery.attempts == 3  # a failed delivery is not tried again by itself
    assert Message.objects.filter(recipient=demo.zhangsan).count() == 3  # the inbox has them all


class Broken(Channel):
    def address_for(self, user) -> str:
        raise RuntimeError("通知渠道配置错误")


def test_a_channel_that_breaks_while_writing_messages_leaves_the_case_untouched(demo, run, settings):
    channels.register_instance("broken", Broken())
    settings.NOTIFY_CHANNELS = ["broken"]
    try:
        case_id = instant_marriage(demo, run)
    finally:
        channels.unregister("broken")
    case = Case.objects.get(pk=case_id)
    assert case.state == CaseState.ARCHIVED and case.issued_license_id is not None
