"""``manage.py partner_node``: register a node, its credentials both ways, and import its trust list."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from licenses.gateway.providers.remote import outbound_token
from licenses.models import PartnerNode
from licenses.registry.authentication import hash_token


def _add(monkeypatch, *extra):
    monkeypatch.setenv("TOKEN_OUT", "token-we-present")
    monkeypatch.setenv("TOKEN_IN", "token-they-present")
    call_command(
        "partner_node",
        "add",
        "--code",
        "gs",
        "--name",
        "甘肃省电子证照库",
        "--base-url",
        "https://gs.example.gov.cn/",
        "--regions",
        "620000",
        "--outbound-token-env",
        "TOKEN_OUT",
        "--inbound-token-env",
        "TOKEN_IN",
        *extra,
    )
    return PartnerNode.objects.get(code="gs")


def test_add_stores_the_inbound_token_hashed_and_the_outbound_token_encrypted(db, monkeypatch):
    node = _add(monkeypatch)
    assert node.inbound_token_hash == hash_token("token-they-present")
    assert (
        "token-we-present" not in node.outbound_token_encrypted and outbound_token(node) == "token-we-present"
    )


def test_a_plain_http_address_outside_loopback_is_refused(db, monkeypatch):
    with pytest.raises(CommandError, match="HTTPS"):
        call_command(
            "partner_node",
            "add",
            "--code",
            "gs",
            "--name",
            "甘肃",
            "--base-url",
            "http://gs.example.gov.cn/",
            "--regions",
            "620000",
        )
    assert not PartnerNode.objects.exists()


def test_issue_token_prints_a_token_once_and_keeps_only_its_hash(db, monkeypatch, capsys):
    _add(monkeypatch)
    call_command("partner_node", "issue-token", "--code", "gs")
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert len(token) >= 40 and PartnerNode.objects.get(code="gs").inbound_token_hash == hash_token(token)


def test_importing_a_list_that_misses_the_agreed_fingerprint_fails(db, monkeypatch, tmp_path):
    _add(monkeypatch)
    path = tmp_path / "list.json"
    path.write_text(json.dumps({"keys": [{"key_id": "k"}]}), encoding="utf-8")
    with pytest.raises(CommandError, match="摘要"):
        call_command(
            "partner_node", "import-trust-list", "--code", "gs", "--file", str(path), "--sha256", "0" * 64
        )


def test_an_unknown_node_is_named(db):
    with pytest.raises(CommandError, match="xz"):
        call_command("partner_node", "issue-token", "--code", "xz")
