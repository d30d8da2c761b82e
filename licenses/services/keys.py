"""Seal key services: create, rotate, mark compromised."""

import logging
import secrets
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from catalogs.models import Department
from licenses.audit.checkpoints import reencrypt_node_key
from licenses.errors import KeyNotUsable
from licenses.models import KeyAlgorithm, KeyState, PartnerNode, SealKey
from licenses.signers import signers
from licenses.signers.keystore import encrypt_private_key, reencrypt_private_key

logger = logging.getLogger("licenses.keys")

_SHORT = {KeyAlgorithm.ECDSA_P256: "EC", KeyAlgorithm.SM2_SM3: "SM2"}


def _new_key_id(department: Department, algorithm: str) -> str:
    return f"{department.uscc}-{_SHORT[algorithm]}-{secrets.token_hex(4).upper()}"


@transaction.atomic
def create_seal_key(
    *,
    department: Department,
    algorithm: str = KeyAlgorithm.ECDSA_P256,
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
    trusted: bool = True,
    note: str = "",
) -> SealKey:
    """Generate a key pair for ``department``; the private key is stored encrypted.

    ``trusted=False`` creates a key that is known but not published in the trust list (used to
    model another province's key that has not been exchanged)."""
    if algorithm not in KeyAlgorithm.values:
        raise KeyNotUsable(f"不支持的签名算法：{algorithm}")
    private_der, public_pem = signers[algorithm].generate()
    key_id = _new_key_id(department, algorithm)
    key = SealKey(
        department=department,
        key_id=key_id,
        algorithm=algorithm,
        public_key=public_pem,
        private_key_encrypted=encrypt_private_key(private_der, key_id=key_id),
        valid_from=valid_from or timezone.now(),
        valid_until=valid_until,
        trusted=trusted,
        note=note,
    )
    key.full_clean()
    key.save()
    logger.info("licenses.key.created key_id=%s algorithm=%s", key_id, algorithm)
    return key


@transaction.atomic
def rotate_seal_key(
    *,
    department: Department,
    algorithm: str | None = None,
    actor: User | None = None,
    reason: str = "定期轮换",
) -> SealKey:
    """A new key signs from now on; the old active keys stop signing but keep verifying
    what they sealed while they were valid."""
    now = timezone.now()
    old_keys = list(SealKey.objects.select_for_update().filter(department=department, state=KeyState.ACTIVE))
    if algorithm is None:
        algorithm = old_keys[0].algorithm if old_keys else KeyAlgorithm.ECDSA_P256
    new_key = create_seal_key(
        department=department, algorithm=algorithm, valid_from=now, note=f"{reason}（{actor or '系统'}）"
    )
    for key in old_keys:
        key.state = KeyState.RETIRED
        if key.valid_until is None or key.valid_until > now:
            key.valid_until = now
        key.note = (key.note + f"\n{now:%Y-%m-%d %H:%M} 轮换为 {new_key.key_id}：{reason}").strip()
        key.full_clean()
        key.save()
    logger.info("licenses.key.rotated department=%s new_key=%s", department.uscc, new_key.key_id)
    return new_key


@transaction.atomic
def mark_key_compromised(*, key: SealKey, since: datetime, actor: User | None = None, reason: str) -> SealKey:
    """Every seal this key made at or after ``since`` fails verification from now on."""
    if not reason.strip():
        raise KeyNotUsable("标记密钥泄露须填写原因")
    key = SealKey.objects.select_for_update().get(pk=key.pk)
    key.state = KeyState.COMPROMISED
    key.compromised_at = since if key.compromised_at is None else min(key.compromised_at, since)
    key.note = (
        key.note
        + f"\n{timezone.now():%Y-%m-%d %H:%M} 标记泄露（自 {since.isoformat()} 起），{actor or '系统'}：{reason}"
    ).strip()
    key.full_clean()
    key.save()
    logger.warning("licenses.key.compromised key_id=%s since=%s", key.key_id, since.isoformat())
    return key


@transaction.atomic
def reencrypt_private_keys() -> int:
    """Re-encrypt every stored private key (and the partner tokens and the access-log checkpoint key, kept under
    the same KEK) under the current key-encryption key (KEK rotation, see ``licenses.signers.keystore``).
    All or nothing in the database: one secret that opens with no known KEK aborts the run. Returns the
    number of seal keys."""
    count = 0
    for key in SealKey.objects.select_for_update().exclude(private_key_encrypted="").order_by("pk"):
        key.private_key_encrypted = reencrypt_private_key(key.private_key_encrypted, key_id=key.key_id)
        key.save(update_fields=["private_key_encrypted"])
        count += 1

    for node in PartnerNode.objects.select_for_update().exclude(outbound_token_encrypted=""):
        # partner nodes' outbound tokens are kept under the same key-encryption key
        node.outbound_token_encrypted = reencrypt_private_key(
            node.outbound_token_encrypted, key_id=f"partner:{node.code}"
        )
        node.save(update_fields=["outbound_token_encrypted"])
    reencrypt_node_key()
    logger.info("licenses.key.reencrypted count=%s", count)
    return count
