"""A third-party verifier can check a seal on their own: the holder exports the canonical payload, signature and
key id (API and wallet download, each logged as a read), and the `openssl` commands of docs/licenses.md verify it
for ECDSA-P256 and SM2 (with the SM2 user id 1234567812345678 passed explicitly) — and refuse a changed payload."""

import base64
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from licenses.models import AccessChannel, AccessLogEntry
from licenses.sealing import canonical_bytes
from tests.factories import UserFactory

from .helpers import issue_person_license, issuer_with_key

DOCS = Path(__file__).resolve().parents[2] / "docs" / "licenses.md"
pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command line")


def documented_commands(algorithm: str) -> list[str]:
    """The shell commands of the docs' block for this algorithm (so the test runs exactly what the docs say)."""
    text = DOCS.read_text(encoding="utf-8")
    block = re.search(rf"```sh\n# {re.escape(algorithm)}\n(.*?)```", text, re.S)
    assert block, f"docs/licenses.md has no openssl block for {algorithm}"
    return [line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]


@pytest.fixture
def holder_and_version(db):
    def make(algorithm):
        version = issue_person_license(issuer=issuer_with_key(algorithm))
        holder = UserFactory(holder_code=version.license.holder_code, holder_code_type="111")
        return holder, version

    return make


def _run(commands: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", "\n".join(commands)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("algorithm", ["ecdsa-p256-sha256", "sm2-sm3"])
def test_the_exported_seal_verifies_with_the_documented_openssl_commands(
    client, holder_and_version, tmp_path, algorithm
):
    holder, version = holder_and_version(algorithm)
    client.force_login(holder)
    response = client.get(f"/wallet/licenses/{version.identifier}/seal.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    (tmp_path / "seal.json").write_bytes(response.content)
    body = json.loads(response.content)
    assert (body["identifier"], body["key_id"], body["algorithm"]) == (
        version.identifier,
        version.seal_key.key_id,
        algorithm,
    )
    assert base64.b64decode(body["canonical_payload"]) == canonical_bytes(version.payload())

    result = _run(documented_commands(algorithm), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"Verified OK|Signature Verified Successfully", result.stdout)

    # the same commands refuse a payload changed by one character
    changed = base64.b64decode(body["canonical_payload"]).replace("张".encode(), "李".encode())
    tampered = dict(body, canonical_payload=base64.b64encode(changed).decode())
    (tmp_path / "seal.json").write_text(json.dumps(tampered))
    assert _run(documented_commands(algorithm), tmp_path).returncode != 0


def test_without_the_explicit_sm2_user_id_openssl_3_refuses_a_genuine_sm2_seal(
    client, holder_and_version, tmp_path
):
    holder, version = holder_and_version("sm2-sm3")
    client.force_login(holder)
    (tmp_path / "seal.json").write_bytes(
        client.get(f"/wallet/licenses/{version.identifier}/seal.json").content
    )
    commands = [
        line.replace(" -pkeyopt distid:1234567812345678", "") for line in documented_commands("sm2-sm3")
    ]
    assert _run(commands, tmp_path).returncode != 0


def test_the_api_export_is_the_same_and_each_export_is_logged_as_a_read(client, holder_and_version):
    holder, version = holder_and_version("ecdsa-p256-sha256")
    client.force_login(holder)
    before = AccessLogEntry.objects.count()
    api = client.get(f"/api/v1/me/licenses/{version.identifier}/seal/")
    page = client.get(f"/wallet/licenses/{version.identifier}/seal.json")
    assert api.status_code == 200 and json.loads(page.content)["signature"] == api.json()["signature"]
    entries = list(AccessLogEntry.objects.order_by("seq")[before:])
    assert [(e.channel, e.license_id) for e in entries] == [(AccessChannel.EXPORT, version.license_id)] * 2


def test_nobody_else_can_export_a_holders_seal(client, holder_and_version, applicant_user):
    _holder, version = holder_and_version("ecdsa-p256-sha256")
    client.force_login(applicant_user)
    assert client.get(f"/api/v1/me/licenses/{version.identifier}/seal/").status_code == 404
    assert client.get(f"/wallet/licenses/{version.identifier}/seal.json").status_code == 404


def test_the_wallet_links_to_the_seal_download(client, holder_and_version):
    holder, version = holder_and_version("ecdsa-p256-sha256")
    client.force_login(holder)
    assert f"/wallet/licenses/{version.identifier}/seal.json" in client.get("/wallet/").content.decode()
