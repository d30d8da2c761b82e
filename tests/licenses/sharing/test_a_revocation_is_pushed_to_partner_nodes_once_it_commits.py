"""The gateway, not the consent layer, tells partner nodes of a revocation — and only once it has committed."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from licenses.consent import revoke_consent
from licenses.models import PartnerNode

from .conftest import grant


@pytest.fixture
def partner_server():
    """A loopback partner node that records the revocations it is told of and accepts them."""
    told: list[tuple[str, dict]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            told.append((self.path, json.loads(self.rfile.read(length) or b"{}")))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"state": "revoked"}')

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/", told
    server.shutdown()
    server.server_close()


def test_the_partner_is_told_after_commit_and_nothing_is_left_pending(
    world, partner, partner_server, django_capture_on_commit_callbacks
):
    base_url, told = partner_server
    PartnerNode.objects.filter(pk=partner.pk).update(base_url=base_url, max_retries=0, read_timeout=5)
    consent = grant(world)
    consent.registered_with = [partner.code]
    consent.save(update_fields=["registered_with"])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        revoke_consent(consent=consent, holder=world.holder, reason="不再办理")
    assert told == []  # nothing leaves this node before the revocation is committed
    consent.refresh_from_db()
    assert consent.state == "revoked" and consent.pending_remote_revocations == ["gs"]

    for callback in callbacks:
        callback()
    assert told == [(f"/api/v1/registry/consents/{consent.reference}/revoke/", {"reason": "不再办理"})]
    consent.refresh_from_db()
    assert consent.pending_remote_revocations == []


def test_a_consent_sent_nowhere_pushes_nothing(world, django_capture_on_commit_callbacks):
    consent = grant(world)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        revoke_consent(consent=consent, holder=world.holder)
    assert callbacks == []
