"""The protected field of a manifest: the applicant's full name and code, encrypted (Fernet).

The manifest shows only masked values in clear; an archivist with ``ARCHIVE_PROTECTION_KEY`` can
open the protected field. The key comes from the environment; development derives one from
SECRET_KEY. ``key_id`` names which key was used so keys can be rotated.
"""

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _key_material() -> bytes:
    configured = getattr(settings, "ARCHIVE_PROTECTION_KEY", "")
    secret = configured or ("archive-protection:" + settings.SECRET_KEY)
    return base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest())


def key_id() -> str:
    return hashlib.sha256(_key_material()).hexdigest()[:12]


def protect(values: dict) -> dict:
    token = Fernet(_key_material()).encrypt(json.dumps(values, ensure_ascii=False, sort_keys=True).encode())
    return {"scheme": "fernet", "key_id": key_id(), "ciphertext": token.decode()}


def unprotect(field: dict) -> dict:
    """Open a protected field; raises ValueError (Chinese) when the key is wrong or the field was altered."""
    if field.get("scheme") != "fernet":
        raise ValueError("不支持的保护方式")
    try:
        return json.loads(Fernet(_key_material()).decrypt(field["ciphertext"].encode()))
    except (InvalidToken, KeyError) as error:
        raise ValueError("受保护字段无法解密：密钥不符或内容已被修改") from error
