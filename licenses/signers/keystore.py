"""Private keys at rest: AES-256-GCM under a key-encryption key (KEK) from the environment.

``SEAL_KEY_ENCRYPTION_KEY`` (any string of 32+ random characters; SHA-256 turns it into the 256-bit AES
key) comes from Django settings or the environment. Only with ``DEBUG=1`` (the demo) may it be missing:
then the published development constant below is used. Outside DEBUG creating, opening or using a private
key without a real KEK raises ``ImproperlyConfigured`` — a database backup alone must never be enough to
forge seals. The deploy check ``licenses.E001`` and the WSGI start-up (``ensure_key_encryption_key``) say
so before the first request.

Rotation: set the new KEK as ``SEAL_KEY_ENCRYPTION_KEY`` and the old one(s) in
``SEAL_KEY_ENCRYPTION_KEY_PREVIOUS``; private keys are then still opened with the old KEK, and
``manage.py seal_keys rekey`` re-encrypts them all under the new one (docs/operations.md).

The key id is bound as associated data, so a ciphertext cannot be moved to another key row.
Format: ``v1:<base64(nonce || ciphertext+tag)>``.
"""

import base64
import hashlib
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEV_KEY_ENCRYPTION_KEY = "mzb-development-seal-key-encryption-key-do-not-use-in-production"
MISSING_KEK_MESSAGE = (
    "未设置签章私钥的密钥加密密钥 SEAL_KEY_ENCRYPTION_KEY（或仍为公开的开发用常量）：生产环境拒绝生成或使用签章密钥。"
    "请设置至少 32 个随机字符的 SEAL_KEY_ENCRYPTION_KEY（见 docs/operations.md）。"
)
_PREFIX = "v1:"


def configured_secret() -> str:
    """The KEK as configured (settings first, then the environment); empty when none is set."""
    return getattr(settings, "SEAL_KEY_ENCRYPTION_KEY", "") or os.environ.get("SEAL_KEY_ENCRYPTION_KEY", "")


def has_real_key_encryption_key() -> bool:
    secret = configured_secret()
    return bool(secret) and secret != DEV_KEY_ENCRYPTION_KEY


def ensure_key_encryption_key() -> None:
    """Raise ``ImproperlyConfigured`` unless a real KEK is set or DEBUG is on (called at WSGI start-up)."""
    if not settings.DEBUG and not has_real_key_encryption_key():
        raise ImproperlyConfigured(MISSING_KEK_MESSAGE)


def _aes(secret: str) -> AESGCM:
    return AESGCM(hashlib.sha256(secret.encode("utf-8")).digest())


def _current_secret() -> str:
    ensure_key_encryption_key()
    return configured_secret() or DEV_KEY_ENCRYPTION_KEY


def _previous_secrets() -> list[str]:
    previous = getattr(settings, "SEAL_KEY_ENCRYPTION_KEY_PREVIOUS", None)
    if previous is None:
        previous = [
            item for item in os.environ.get("SEAL_KEY_ENCRYPTION_KEY_PREVIOUS", "").split(",") if item.strip()
        ]
    return [item.strip() for item in previous if item.strip()]


def encrypt_private_key(private_der: bytes, *, key_id: str) -> str:
    nonce = os.urandom(12)
    sealed = _aes(_current_secret()).encrypt(nonce, private_der, key_id.encode("utf-8"))
    return _PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


def decrypt_private_key(blob: str, *, key_id: str) -> bytes:
    """Open with the current KEK, or with a previous one during a rotation; InvalidTag when none fits."""
    if not blob.startswith(_PREFIX):
        raise ValueError("unknown private key format")
    raw = base64.b64decode(blob[len(_PREFIX) :])
    secrets = [_current_secret(), *_previous_secrets()]
    for secret in secrets:
        try:
            return _aes(secret).decrypt(raw[:12], raw[12:], key_id.encode("utf-8"))
        except InvalidTag:
            continue
    raise InvalidTag("签章私钥无法用当前或先前的 SEAL_KEY_ENCRYPTION_KEY 解密")


def reencrypt_private_key(blob: str, *, key_id: str) -> str:
    return encrypt_private_key(decrypt_private_key(blob, key_id=key_id), key_id=key_id)
