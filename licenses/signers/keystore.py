"""Private keys at rest: AES-256-GCM under a key-encryption key from the environment.

``SEAL_KEY_ENCRYPTION_KEY`` (any string; SHA-256 turns it into the 256-bit AES key) comes from the
environment or Django settings; development uses a fixed default and logs a warning when it is
used outside DEBUG. The key id is bound as associated data, so a ciphertext cannot be moved to
another key row. Format: ``v1:<base64(nonce || ciphertext+tag)>``.
"""

import base64
import hashlib
import logging
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

logger = logging.getLogger("licenses.keystore")

DEV_KEY_ENCRYPTION_KEY = "mzb-development-seal-key-encryption-key-do-not-use-in-production"
_PREFIX = "v1:"
_warned = False


def _kek() -> bytes:
    secret = getattr(settings, "SEAL_KEY_ENCRYPTION_KEY", "") or os.environ.get("SEAL_KEY_ENCRYPTION_KEY", "")
    if not secret:
        global _warned
        if not settings.DEBUG and not _warned:
            logger.warning("licenses.keystore.dev_key_in_use: set SEAL_KEY_ENCRYPTION_KEY in production")
            _warned = True
        secret = DEV_KEY_ENCRYPTION_KEY
    return hashlib.sha256(secret.encode("utf-8")).digest()


def encrypt_private_key(private_der: bytes, *, key_id: str) -> str:
    nonce = os.urandom(12)
    sealed = AESGCM(_kek()).encrypt(nonce, private_der, key_id.encode("utf-8"))
    return _PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


def decrypt_private_key(blob: str, *, key_id: str) -> bytes:
    if not blob.startswith(_PREFIX):
        raise ValueError("unknown private key format")
    raw = base64.b64decode(blob[len(_PREFIX):])
    return AESGCM(_kek()).decrypt(raw[:12], raw[12:], key_id.encode("utf-8"))
