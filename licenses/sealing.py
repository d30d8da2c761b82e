"""Seal and verify JSON payloads with a department's key — the sealing contract other apps use
(docs/contracts.md): one import for sealing and verifying.

    from licenses.sealing import seal_payload, verify_payload, canonical_bytes, create_seal_key

The signature covers the RFC 8785 canonical bytes of the payload. ``verify_payload`` never raises
for a bad seal: it returns a ``SealCheck`` whose ``code`` says what is wrong. ``KeySealer``,
``current_key`` and ``sign_with_key`` are for the registry's own services (bulk sealing).
"""

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from catalogs.models import Department
from licenses.canonical import canonical_bytes as _jcs
from licenses.errors import NoActiveKey
from licenses.models import SealKey
from licenses.signers import signers
from licenses.signers.keystore import decrypt_private_key

__all__ = [
    "KeySealer",
    "SealCheck",
    "canonical_bytes",
    "create_seal_key",
    "current_key",
    "seal_payload",
    "sign_with_key",
    "verify_payload",
]


def canonical_bytes(payload: dict) -> bytes:
    """RFC 8785 (JCS) canonical JSON of ``payload`` (fast path for plain payloads: licenses.canonical)."""
    return _jcs(payload)


def seal_payload(*, department: Department, payload: dict, at: datetime | None = None) -> dict:
    at = at or timezone.now()
    return sign_with_key(key=current_key(department=department, at=at), payload=payload, at=at)


class KeySealer:
    """Seals many payloads with one key, decrypting and parsing the private key once (bulk import)."""

    def __init__(self, key: SealKey):
        self.key = key
        self.signer = signers[key.algorithm]
        self._private = self.signer.load_private_key(
            decrypt_private_key(key.private_key_encrypted, key_id=key.key_id)
        )

    def sign(self, payload: dict) -> str:
        return base64.b64encode(self.signer.sign_with(self._private, canonical_bytes(payload))).decode(
            "ascii"
        )


def current_key(*, department: Department, at: datetime) -> SealKey:
    key = (
        SealKey.objects.usable_for_signing(department=department, at=at).select_related("department").first()
    )
    if key is None:
        raise NoActiveKey(f"{department.name}没有可用的签章密钥，请先生成或轮换密钥")
    return key


def sign_with_key(*, key: SealKey, payload: dict, at: datetime) -> dict:
    """Sign with a given key (lifecycle services and the demo's foreign-province seal)."""
    return {
        "algorithm": key.algorithm,
        "key_id": key.key_id,
        "signature": KeySealer(key).sign(payload),
        "signed_at": timezone.localtime(at).isoformat(),
        "issuer_uscc": key.department.uscc,
    }


@dataclass(frozen=True)
class SealCheck:
    ok: bool
    code: str
    message: str
    key_id: str
    algorithm: str
    issuer_uscc: str


def _parse_signed_at(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else None


def verify_payload(*, payload: dict, seal: dict, key: SealKey | None = None) -> SealCheck:
    """Check ``seal`` against ``payload``; ``key`` may be passed when the caller already loaded it."""
    seal = seal if isinstance(seal, dict) else {}
    key_id = str(seal.get("key_id", ""))
    algorithm = str(seal.get("algorithm", ""))
    issuer = str(seal.get("issuer_uscc", ""))

    def result(ok: bool, code: str, message: str) -> SealCheck:
        return SealCheck(
            ok=ok, code=code, message=message, key_id=key_id, algorithm=algorithm, issuer_uscc=issuer
        )

    if key is None or key.key_id != key_id:
        key = SealKey.objects.select_related("department").filter(key_id=key_id).first()
    if key is None:
        return result(False, "unknown-key", "签章密钥未知，无法核验")
    if key.algorithm != algorithm:
        return result(False, "bad-signature", "签章算法与密钥不符")
    try:
        signature = base64.b64decode(str(seal.get("signature", "")), validate=True)
        data = canonical_bytes(payload)
    except (binascii.Error, ValueError, TypeError):
        return result(False, "bad-signature", "签章数据格式错误")
    if not signers[key.algorithm].verify(key.public_key, data, signature):
        return result(False, "bad-signature", "签章验证失败：数据已被篡改或签名无效")
    # the signature is mathematically right; now: is the key one we trust, and was it good then?
    if not key.trusted:
        return result(False, "untrusted-key", f"签章密钥 {key_id} 不在信任列表中")
    if key.department.uscc != issuer:
        return result(False, "untrusted-key", "签章密钥不属于所声明的发证部门")
    signed_at = _parse_signed_at(seal.get("signed_at"))
    if signed_at is None or not key.valid_at(signed_at):
        return result(False, "key-not-valid-at-signing", "签章时间不在密钥有效期内")
    if key.compromised_for(signed_at):
        return result(False, "key-compromised", "签章密钥已泄露，泄露之后加盖的签章无效")
    return result(True, "valid", "签章有效")


# last, and not at the top: licenses.services (which defines create_seal_key) imports this module
from licenses.services.keys import create_seal_key  # noqa: E402
