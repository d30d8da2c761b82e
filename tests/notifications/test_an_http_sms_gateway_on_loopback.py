"""The ``http`` SMS provider against a real gateway on 127.0.0.1: it posts the number and text as JSON with
the bearer token; a gateway that answers 5xx, or is not there at all, leaves the delivery to be retried."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.utils import timezone

from notifications.models import Contact, Delivery, DeliveryState, Message
from notifications.services import notify, send_delivery
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class Gateway(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.headers.get("Authorization"), json.loads(body)))
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"id": "sms-0001"}')

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    Gateway.received, Gateway.status = [], 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NOTIFY_SMS_PROVIDER = "http"
    settings.NOTIFY_SMS_HTTP_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.NOTIFY_SMS_HTTP_TOKEN = "gateway-token"
    settings.NOTIFY_SMS_HTTP_TIMEOUT = 2
    settings.NOTIFY_CHANNELS = ["sms"]
    settings.NOTIFY_RETRY_SECONDS = 30
    yield server
    server.shutdown()
    server.server_close()


def _message(django_capture_on_commit_callbacks) -> Delivery:
    person = UserFactory(real_name="赵六")
    Contact.objects.create(user=person, phone="13912345678")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=person, kind="decided", key="test:1", title="办件已办结：准予", body="请查看决定书")
    return Delivery.objects.get(message__key="test:1")


def test_the_gateway_receives_the_number_text_and_token(gateway, django_capture_on_commit_callbacks):
    delivery = _message(django_capture_on_commit_callbacks)
    assert delivery.state == DeliveryState.SENT and delivery.attempts == 1
    ((auth, body),) = Gateway.received
    assert auth == "Bearer gateway-token"
    assert body == {"phone": "13912345678", "text": "【免证办】办件已办结：准予：请查看决定书"}


def test_a_gateway_error_is_recorded_and_retried(gateway, django_capture_on_commit_callbacks):
    Gateway.status = 503
    delivery = _message(django_capture_on_commit_callbacks)
    assert delivery.state == DeliveryState.RETRYING and "HTTP 503" in delivery.last_error
    Gateway.status = 200
    assert send_delivery(delivery_pk=delivery.pk) is None  # not due yet: nothing sent
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        assert send_delivery(delivery_pk=delivery.pk).state == DeliveryState.SENT
    assert len(Gateway.received) == 2


def test_a_gateway_that_is_not_there_is_recorded_and_retried(
    gateway, django_capture_on_commit_callbacks, settings
):
    gateway.shutdown()
    gateway.server_close()
    delivery = _message(django_capture_on_commit_callbacks)
    assert delivery.state == DeliveryState.RETRYING and "无法连接" in delivery.last_error
    assert Message.objects.get(key="test:1").deliveries.count() == 1
