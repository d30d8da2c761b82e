"""An unreachable node gives a clear "unavailable" result (logged), never an exception or a hang; the
circuit breaker (kept in the shared cache) stops calling a failing node and lets one trial through later."""

import socket
from datetime import timedelta

import time_machine
from django.utils import timezone

from licenses import gateway
from licenses.gateway.breaker import CircuitBreaker
from licenses.models import PartnerNode
from licenses.sealing import create_seal_key
from tests.factories import DepartmentFactory, RegionFactory, valid_uscc

from ..helpers import issue_person_license
from .conftest import basis, grant, last_entry


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends: connections are refused


def _remote_license(world, settings):
    """A license whose issuer is in 620000, served by a partner node that is down."""
    settings.GATEWAY_BACKOFF_SECONDS = 0.01
    PartnerNode.objects.create(
        code="gs",
        name="甘肃省电子证照库",
        base_url=f"http://127.0.0.1:{_closed_port()}/",
        region_codes=["620000"],
        connect_timeout=0.5,
        read_timeout=0.5,
        max_retries=1,
    )
    # issue it here only to get a well-formed identifier of a 620000 issuer; the directory sends reads to the partner
    gansu = DepartmentFactory(uscc=valid_uscc("11620000"), region=RegionFactory(code="620000", name="甘肃省"))
    create_seal_key(department=gansu)
    world.license_type.issuing_departments.add(gansu)
    return issue_person_license(
        issuer=gansu, license_type=world.license_type, holder_code=world.holder_code, holder_name="张三"
    )


def test_a_node_that_refuses_connections_is_reported_unavailable_and_logged(world, settings):
    version = _remote_license(world, settings)
    result = gateway.retrieve(
        identifier=version.identifier, fields=["name"], basis=basis(grant(world)), user=world.handler
    )
    assert result.status == "unavailable" and "暂时不可用" in result.message and result.source == "gs"
    assert last_entry().result == "unavailable"


def test_a_region_no_node_serves_is_reported_unavailable(world, settings):
    version = _remote_license(world, settings)
    PartnerNode.objects.all().delete()
    result = gateway.retrieve(
        identifier=version.identifier, fields=["name"], basis=basis(grant(world)), user=world.handler
    )
    assert result.status == "unavailable" and "620000" in result.message


def test_a_remote_read_without_consent_is_refused_before_any_call(world, settings):
    version = _remote_license(world, settings)
    result = gateway.retrieve(
        identifier=version.identifier,
        fields=["name"],
        basis=basis(legal_basis="pipl-13-3"),
        user=world.handler,
    )
    assert result.status == "denied" and "授权" in result.message


def test_the_breaker_opens_after_repeated_failures(settings, db):
    breaker = CircuitBreaker("t", failure_threshold=2, reset_seconds=30)
    breaker.record_failure()
    assert breaker.allow()
    breaker.record_failure()
    assert breaker.state == "open" and not breaker.allow()


def test_an_open_breaker_lets_exactly_one_trial_through_after_the_reset_time(db):
    breaker = CircuitBreaker("t", failure_threshold=1, reset_seconds=30)
    breaker.record_failure()
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        assert breaker.state == "half-open"
        assert breaker.allow() and not breaker.allow()


def test_a_successful_trial_closes_the_breaker(db):
    breaker = CircuitBreaker("t", failure_threshold=1, reset_seconds=30)
    breaker.record_failure()
    breaker.record_success()
    assert breaker.state == "closed" and breaker.allow()


def test_an_open_breaker_answers_unavailable_without_calling(world, settings):
    version = _remote_license(world, settings)
    settings.GATEWAY_BREAKER_THRESHOLD = 1
    consent = grant(world)
    gateway.retrieve(identifier=version.identifier, fields=["name"], basis=basis(consent), user=world.handler)
    result = gateway.retrieve(
        identifier=version.identifier, fields=["name"], basis=basis(consent), user=world.handler
    )
    assert result.status == "unavailable" and "熔断" in result.message


class _OneAnswerNode:
    """A real HTTP server on loopback that answers every request with one fixed response."""

    def __init__(self, status: int, body: bytes):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def _read_from(world, settings, status: int, body: bytes):
    version = _remote_license(world, settings)
    with _OneAnswerNode(status, body) as url:
        PartnerNode.objects.filter(code="gs").update(base_url=url)
        return gateway.retrieve(
            identifier=version.identifier, fields=["name"], basis=basis(grant(world)), user=world.handler
        )


def test_a_node_answering_with_something_other_than_an_object_is_rejected_not_a_crash(world, settings):
    result = _read_from(world, settings, 200, b'["not", "an", "answer"]')
    assert result.status == "rejected" and last_entry().result == "rejected"


def test_a_node_answering_unsealed_data_is_rejected(world, settings):
    result = _read_from(
        world, settings, 200, b'{"document": {"face": {"name": "\\u5f20\\u4e09"}}, "seal": {}}'
    )
    assert result.status == "rejected" and "信任列表" in result.message and "document" not in result.data


def test_a_node_refusing_is_reported_as_denied_with_its_reason(world, settings):
    result = _read_from(world, settings, 403, '{"title": "持证人已撤回该授权"}'.encode())
    assert result.status == "denied" and "撤回" in result.message


def test_a_node_failing_internally_is_reported_unavailable(world, settings):
    result = _read_from(world, settings, 500, b"{}")
    assert result.status == "unavailable" and "HTTP 500" in result.message


def test_an_attempt_on_an_unavailable_node_shows_on_the_holders_usage_record(client, world, settings):
    version = _remote_license(world, settings)
    gateway.retrieve(
        identifier=version.identifier, fields=["name"], basis=basis(grant(world)), user=world.handler
    )
    client.force_login(world.holder)
    row = client.get("/api/v1/me/access-log/").json()["results"][0]
    assert (row["identifier"], row["result"]) == (version.identifier, "unavailable")
