"""Signed checkpoints of the access-log chain, kept outside the database.

The chain alone proves that no entry was changed or removed *between* entries still present and the head.
Someone able to write the database can still cut the tail and rewind the head, delete everything, or rewrite
an entry and recompute every hash after it. So the head is anchored outside the rows it protects: a
checkpoint — this node's code, the head's sequence number and hash, the time — signed with the node's
checkpoint key (ECDSA P-256) and appended to ``<AUDIT_CHECKPOINT_DIR>/audit-checkpoints.jsonl``, a file on
storage the database (and its users) cannot rewrite: a separate volume, shipped to WORM storage or a partner
node. ``audit_verify`` then checks that every checkpointed entry is still there with the same hash.

The node key's private half is stored next to the checkpoints, encrypted under ``SEAL_KEY_ENCRYPTION_KEY``;
its fingerprint (SHA-256 of the public key) is in every line, so a partner holding the public key can check
an exported copy. Run ``manage.py audit_checkpoint`` (or the Celery task ``licenses.audit_checkpoint``).
"""

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import rfc8785
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from licenses.models import AccessLogEntry, AuditChainHead
from licenses.signers import signers
from licenses.signers.keystore import decrypt_private_key, encrypt_private_key, reencrypt_private_key

from .chain import ChainBreak

ALGORITHM = "ecdsa-p256-sha256"
CHECKPOINTS_FILE = "audit-checkpoints.jsonl"
KEY_FILE = "node-checkpoint-key.json"


def checkpoint_dir() -> Path | None:
    value = getattr(settings, "AUDIT_CHECKPOINT_DIR", "")
    return Path(value) if value else None


def _key_id() -> str:
    return f"audit-checkpoint:{settings.MZB_NODE_CODE}"


def _fingerprint(public_pem: str) -> str:
    return hashlib.sha256(public_pem.encode("ascii")).hexdigest()


def node_key(*, create: bool = False) -> dict | None:
    """{"public_key", "private_key_encrypted"} of this node's checkpoint key (created on the first checkpoint)."""
    directory = checkpoint_dir()
    if directory is None:
        return None
    path = directory / KEY_FILE
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    if not create:
        return None
    directory.mkdir(parents=True, exist_ok=True)
    private_der, public_pem = signers[ALGORITHM].generate()
    key = {
        "algorithm": ALGORITHM,
        "public_key": public_pem,
        "private_key_encrypted": encrypt_private_key(private_der, key_id=_key_id()),
    }
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(key, handle)
    return key


def _signed_content(line: dict) -> bytes:
    return rfc8785.dumps({name: value for name, value in line.items() if name != "signature"})


def write_checkpoint() -> dict | None:
    """Append a signed checkpoint of the current head; None when nothing was appended since the last one."""
    directory = checkpoint_dir()
    if directory is None:
        raise ValueError("未配置 AUDIT_CHECKPOINT_DIR，无法写入用证记录检查点")
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        seq, last_hash = (head.last_seq, head.last_hash) if head else (0, "0" * 64)
    existing = read_checkpoints()
    if not seq or (existing and existing[-1]["seq"] == seq):
        return None
    key = node_key(create=True)
    signer = signers[ALGORITHM]
    line = {
        "node": settings.MZB_NODE_CODE,
        "seq": seq,
        "hash": last_hash,
        "at": timezone.now().isoformat(timespec="seconds"),
        "algorithm": ALGORITHM,
        "key": _fingerprint(key["public_key"]),
    }
    private = decrypt_private_key(key["private_key_encrypted"], key_id=_key_id())
    line["signature"] = base64.b64encode(signer.sign(private, _signed_content(line))).decode("ascii")
    with open(directory / CHECKPOINTS_FILE, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return line


def read_checkpoints() -> list[dict]:
    directory = checkpoint_dir()
    path = directory / CHECKPOINTS_FILE if directory else None
    if path is None or not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass(frozen=True)
class CheckpointResult:
    checked: int
    last_seq: int
    broken: ChainBreak | None
    configured: bool


def verify_checkpoints() -> CheckpointResult:
    """Every signed checkpoint must verify, and the entry it names must exist with the hash it recorded."""
    directory = checkpoint_dir()
    if directory is None:
        return CheckpointResult(0, 0, None, False)
    try:
        lines = read_checkpoints()
    except (ValueError, OSError) as error:
        return CheckpointResult(0, 0, ChainBreak(0, None, f"检查点文件无法读取：{error}"), True)
    key = node_key()
    if lines and key is None:
        return CheckpointResult(
            0, 0, ChainBreak(0, None, f"缺少本节点的检查点密钥 {KEY_FILE}，无法核对检查点签名"), True
        )
    signer = signers[ALGORITHM]
    for number, line in enumerate(lines, start=1):
        try:
            signature = base64.b64decode(str(line.get("signature", "")), validate=True)
            signed = line.get("key") == _fingerprint(key["public_key"]) and signer.verify(
                key["public_key"], _signed_content(line), signature
            )
        except (ValueError, TypeError):
            signed = False
        if not signed:
            return CheckpointResult(
                number - 1,
                0,
                ChainBreak(
                    int(line.get("seq") or 0), None, f"检查点文件第 {number} 行签名无效（检查点被改动或伪造）"
                ),
                True,
            )
    for number, line in enumerate(lines, start=1):
        row = AccessLogEntry.objects.filter(seq=line["seq"]).first()
        if row is None:
            return CheckpointResult(
                number - 1,
                0,
                ChainBreak(
                    line["seq"],
                    None,
                    f"已签名的检查点（{line['at']}）记录了该条，但数据库中已没有它（末尾记录被删除、链头被回退或记录被清空）",
                ),
                True,
            )
        if row.entry_hash != line["hash"]:
            return CheckpointResult(
                number - 1,
                0,
                ChainBreak(
                    line["seq"],
                    row.pk,
                    f"摘要与已签名的检查点（{line['at']}）不符（此前的记录被改写并重算了摘要）",
                ),
                True,
            )
    return CheckpointResult(len(lines), lines[-1]["seq"] if lines else 0, None, True)


def reencrypt_node_key() -> bool:
    """KEK rotation (``seal_keys rekey``): re-encrypt the checkpoint key's private half; False when there is none."""

    key = node_key()
    if key is None:
        return False
    key["private_key_encrypted"] = reencrypt_private_key(key["private_key_encrypted"], key_id=_key_id())
    path = checkpoint_dir() / KEY_FILE
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(key), encoding="utf-8")
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
    return True
