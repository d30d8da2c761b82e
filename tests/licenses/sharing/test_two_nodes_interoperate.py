"""Two instances of this project on loopback (青海 630000 = node A, 甘肃 620000 = node B), with their
own databases, exchange credentials and trust lists; node A's handler reads 李明's ID card, issued by
甘肃省公安厅 on node B, under 李明's consent. No HTTP is mocked: the only thing between the nodes is
a loopback proxy this test controls to cut, stall or tamper with B's answers."""

import json
import secrets
import time

import pytest
import requests
from django.conf import settings

from licenses.demo import LIMING_GANSU

from .nodes import Databases, Node, TamperingProxy, wait_until

PURPOSE = "户口迁入青海：核对居民身份证"


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("two-nodes")
    databases = Databases(tmp, settings.DATABASES["default"])
    a = Node(
        name="青海省电子证照库", code="qh", region="630000", database_url=databases.url("node_a"), tmp=tmp
    )
    b = Node(
        name="甘肃省电子证照库", code="gs", region="620000", database_url=databases.url("node_b"), tmp=tmp
    )
    try:
        for step in (("migrate", "-v0"), ("setup_node",)):
            running = [a.manage(*step), b.manage(*step)]
            outputs = [Node.finish(p, timeout=120) for p in running]
        setup_a, setup_b = (json.loads(out.strip().splitlines()[-1]) for out in outputs)
        with TamperingProxy(b.port) as proxy:
            tokens = {"A_TO_B": secrets.token_urlsafe(32), "B_TO_A": secrets.token_urlsafe(32)}
            Node.finish(
                a.manage(
                    "partner_node",
                    "add",
                    "--code",
                    "gs",
                    "--name",
                    b.name,
                    "--base-url",
                    f"http://127.0.0.1:{proxy.port}/",
                    "--regions",
                    "620000",
                    "--connect-timeout",
                    "0.5",
                    "--read-timeout",
                    "1.5",
                    "--retries",
                    "1",
                    "--outbound-token-env",
                    "A_TO_B",
                    "--inbound-token-env",
                    "B_TO_A",
                    env=tokens,
                )
            )
            Node.finish(
                b.manage(
                    "partner_node",
                    "add",
                    "--code",
                    "qh",
                    "--name",
                    a.name,
                    "--base-url",
                    a.base + "/",
                    "--regions",
                    "630000",
                    "--outbound-token-env",
                    "B_TO_A",
                    "--inbound-token-env",
                    "A_TO_B",
                    env=tokens,
                )
            )
            b.start()
            a.start()
            # the fingerprint the operators compare out of band: read from B directly, imported through the network path
            fingerprint = requests.get(b.base + "/api/v1/registry/node", timeout=5).json()[
                "trust_list_sha256"
            ]
            Node.finish(
                a.manage("partner_node", "import-trust-list", "--code", "gs", "--sha256", fingerprint)
            )
            yield {
                "a": a,
                "b": b,
                "proxy": proxy,
                "tokens": tokens,
                "identifier": setup_b["liming_id_card"],
                "type_code": setup_b["id_type_code"],
                "grantee": setup_a["grantee_department"],
            }
    finally:
        a.stop()
        b.stop()
        databases.drop_all()


def _grant(network, fields=("name", "sex")) -> dict:
    response = network["a"].api(
        "post",
        "/api/v1/me/consents/",
        user="liming",
        json={
            "type_codes": [network["type_code"]],
            "purpose": PURPOSE,
            "grantee_department": network["grantee"],
            "fields": {network["type_code"]: list(fields)},
            "expires_in_days": 7,
        },
    )
    assert response.status_code == 201, response.text
    return response.json()


def _retrieve(network, consent: dict, fields=("name", "sex")):
    started = time.monotonic()
    response = network["a"].api(
        "post",
        "/api/v1/gateway/retrieve/",
        user="handler_mz",
        json={
            "identifier": network["identifier"],
            "fields": list(fields),
            "consent": consent["reference"],
            "purpose": PURPOSE,
            "case_reference": "QH-2026-000123",
        },
    )
    return response, time.monotonic() - started


def test_node_a_fetches_and_verifies_a_license_issued_on_node_b_under_consent(network):
    response, _ = _retrieve(network, _grant(network))
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok", body
    assert body["source"] == "gs"
    assert (
        body["seal_check"]["ok"] is True
        and body["verified"] is True
        and body["verification_result"] == "valid"
    )
    assert body["document"]["face"] == {
        "name": "李明",
        "sex": "男",
    }  # only the consented fields crossed the network
    assert body["document"]["issuer_name"] == "甘肃省公安厅"


def test_node_a_finds_the_license_on_node_b_by_holder_and_type(network):
    consent = _grant(network)
    response = network["a"].api(
        "post",
        "/api/v1/gateway/query/",
        user="handler_mz",
        json={
            "holder_code": LIMING_GANSU,
            "type_code": network["type_code"],
            "consent": consent["reference"],
            "purpose": PURPOSE,
        },
    )
    body = response.json()
    assert body["status"] == "ok" and body["source"] == "gs", body
    assert [item["identifier"] for item in body["licenses"]] == [network["identifier"]]


def test_node_a_verifies_the_license_at_node_b(network):
    consent = _grant(network)
    response = network["a"].api(
        "post",
        "/api/v1/gateway/verify/",
        user="handler_mz",
        json={
            "identifier": network["identifier"],
            "holder_code": LIMING_GANSU,
            "consent": consent["reference"],
            "purpose": PURPOSE,
        },
    )
    body = response.json()
    assert body["status"] == "ok" and body["verified"] is True and body["document"]["result"] == "valid", body


def test_a_tampered_answer_is_rejected_by_node_a(network):
    consent = _grant(network)
    network["proxy"].mode = "tamper"
    try:
        response, _ = _retrieve(network, consent)
    finally:
        network["proxy"].mode = "pass"
    body = response.json()
    assert body["status"] == "rejected", body
    assert "篡改" in body["message"]
    assert "document" not in body


def test_a_node_that_never_answers_is_reported_unavailable_within_the_timeout(network):
    consent = _grant(network)
    network["proxy"].mode = "hang"
    try:
        response, elapsed = _retrieve(network, consent)
    finally:
        network["proxy"].mode = "pass"
        network["proxy"].release.set()
    body = response.json()
    assert response.status_code == 200 and body["status"] == "unavailable", body
    assert "暂时不可用" in body["message"]
    assert elapsed < 1.5 * 2 + 2.5  # two attempts of a 1.5 s read timeout, backoff, the handler's own work
    network["proxy"].release.clear()


def test_node_b_stopped_is_unavailable_and_works_again_once_back(network):
    consent = _grant(network)
    network["b"].stop()
    response, elapsed = _retrieve(network, consent)
    assert response.json()["status"] == "unavailable", response.text
    assert elapsed < 5
    network["b"].start()
    body = wait_until(
        lambda: (r := _retrieve(network, consent)[0].json())["status"] == "ok" and r,
        timeout=20,
        what="node A to read from node B again (breaker half-open → closed)",
    )
    assert body["document"]["face"]["name"] == "李明"


def test_after_revocation_node_b_itself_refuses(network):
    consent = _grant(network)
    assert _retrieve(network, consent)[0].json()["status"] == "ok"  # B now holds the consent
    revoked = network["a"].api("post", f"/api/v1/me/consents/{consent['reference']}/revoke/", user="liming")
    assert revoked.status_code == 200 and revoked.json()["state"] == "revoked", revoked.text
    # asked directly with A's own credentials and the consent's original terms, B refuses
    terms = {k: consent[k] for k in ("reference", "purpose", "fields", "expires_at")}
    terms.update(
        holder_code=LIMING_GANSU,
        holder_code_type="111",
        granted_at=consent["granted_at"],
        grantee_name=consent["grantee"],
    )
    direct = requests.post(
        network["b"].base + "/api/v1/registry/retrieve/",
        timeout=10,
        json={
            "identifier": network["identifier"],
            "fields": ["name"],
            "purpose": PURPOSE,
            "consent": terms,
        },
        headers={"Authorization": f"Node qh {network['tokens']['A_TO_B']}"},
    )
    assert direct.status_code == 403, direct.text
    assert "撤回" in direct.json()["title"]


def test_after_revocation_node_a_refuses_before_calling_b(network):
    consent = _grant(network)
    network["a"].api("post", f"/api/v1/me/consents/{consent['reference']}/revoke/", user="liming")
    response, _ = _retrieve(network, consent)
    assert response.status_code == 403 and response.json()["status"] == "denied"
    assert "撤回" in response.json()["message"]


def test_both_audit_chains_are_intact_after_the_exchange(network):
    for node in (network["a"], network["b"]):
        out = Node.finish(node.manage("audit_verify"))
        assert "完好" in out


def test_node_b_logged_each_read_with_node_a_as_the_reader_and_the_consent(network):
    consent = _grant(network)
    assert _retrieve(network, consent)[0].json()["status"] == "ok"
    terms = {
        **{k: consent[k] for k in ("reference", "purpose", "fields", "expires_at", "granted_at")},
        "holder_code": LIMING_GANSU,
        "holder_code_type": "111",
        "grantee_name": consent["grantee"],
    }
    beyond = requests.post(
        network["b"].base + "/api/v1/registry/retrieve/",
        timeout=10,
        json={
            "identifier": network["identifier"],
            "fields": ["address"],
            "purpose": PURPOSE,
            "consent": terms,
        },
        headers={"Authorization": f"Node qh {network['tokens']['A_TO_B']}"},
    )
    assert beyond.status_code == 403  # a field outside the consent
    script = (
        "from licenses.models import AccessLogEntry as E; import json; "
        "print(json.dumps(sorted({(e.result, e.node.code, bool(e.consent_reference)) for e in E.objects.filter(channel='registry')})))"
    )
    seen = json.loads(Node.finish(network["b"].manage("shell", "-c", script)).strip().splitlines()[-1])
    assert ["granted", "qh", True] in seen and ["denied", "qh", True] in seen
    assert {tuple(row)[1] for row in seen} == {"qh"}
