"""Partner trust lists: imported after checks (not trusted blindly), then used to verify what a
partner node sends.

Import checks: the document's SHA-256 matches the fingerprint the operators exchanged out of band
(when given); every key parses with its algorithm; the issuer's USCC is valid and registered in a
region the node serves (a node cannot vouch for another province's departments); key ids do not
collide with this node's own keys; validity times are well formed."""

import base64
import binascii
import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from catalogs.identifiers import check_uscc
from licenses.errors import PartnerError
from licenses.models import PartnerKey, PartnerNode, SealKey
from licenses.sealing import canonical_bytes
from licenses.signers import signers

MAX_CLOCK_SKEW = timedelta(minutes=5)


def trust_list_fingerprint(document: dict) -> str:
    """SHA-256 of the canonical trust list without its ``generated_at`` stamp (stable between downloads)."""
    return hashlib.sha256(
        canonical_bytes({k: v for k, v in document.items() if k != "generated_at"})
    ).hexdigest()


def _moment(value, *, optional: bool = False) -> datetime | None:
    if value in (None, "") and optional:
        return None
    moment = datetime.fromisoformat(str(value))
    if timezone.is_naive(moment):
        raise ValueError("naive time")
    return moment


def _check_key(node: PartnerNode, raw: dict, errors: list[str]) -> PartnerKey | None:
    key_id = str(raw.get("key_id", ""))[:64]
    where = f"密钥 {key_id or '（无标识）'}"
    algorithm = str(raw.get("algorithm", ""))
    if not key_id:
        errors.append("有密钥缺少标识")
        return None
    if algorithm not in signers:
        errors.append(f"{where}：不支持的算法 {algorithm}")
        return None
    try:
        signers[algorithm].load_public_key(str(raw.get("public_key", "")))
    except Exception:  # noqa: BLE001 - any parse failure means the key is unusable
        errors.append(f"{where}：公钥无法解析")
        return None
    uscc = str(raw.get("issuer_uscc", ""))
    try:
        check_uscc(uscc)
    except ValidationError:
        errors.append(f"{where}：发证部门统一社会信用代码无效")
        return None
    if not node.serves_region(uscc[2:8]):
        errors.append(f"{where}：发证部门（{uscc[2:8]}）不在该节点服务的区划内")
        return None
    if SealKey.objects.filter(key_id=key_id).exists():
        errors.append(f"{where}：与本节点的密钥标识冲突")
        return None
    try:
        valid_from = _moment(raw.get("valid_from"))
        valid_until = _moment(raw.get("valid_until"), optional=True)
        compromised_at = _moment(raw.get("compromised_at"), optional=True)
    except ValueError:
        errors.append(f"{where}：有效期时间格式错误")
        return None
    return PartnerKey(
        node=node,
        key_id=key_id,
        issuer_uscc=uscc,
        issuer_name=str(raw.get("issuer_name", ""))[:100],
        algorithm=algorithm,
        public_key=str(raw["public_key"]),
        valid_from=valid_from,
        valid_until=valid_until,
        compromised_at=compromised_at,
    )


@transaction.atomic
def import_trust_list(*, node: PartnerNode, document: dict, expect_sha256: str = "") -> list[PartnerKey]:
    """Replace the node's trusted keys with those of ``document`` if, and only if, every check passes."""
    if not isinstance(document, dict) or not isinstance(document.get("keys"), list) or not document["keys"]:
        raise PartnerError("信任列表格式错误或不含任何密钥")
    fingerprint = trust_list_fingerprint(document)
    if expect_sha256 and fingerprint != expect_sha256.strip().lower():
        raise PartnerError(f"信任列表摘要 {fingerprint} 与约定的摘要不符，拒绝导入")
    errors: list[str] = []
    keys = [
        key
        for raw in document["keys"]
        if (key := _check_key(node, raw if isinstance(raw, dict) else {}, errors))
    ]
    if len({key.key_id for key in keys}) != len(keys):
        errors.append("信任列表中有重复的密钥标识")
    if errors:
        raise PartnerError("信任列表未通过检查：" + "；".join(errors))
    PartnerKey.objects.filter(node=node).delete()
    created = PartnerKey.objects.bulk_create(keys)
    PartnerNode.objects.filter(pk=node.pk).update(
        trust_list_sha256=fingerprint, trust_list_imported_at=timezone.now()
    )
    return created


@dataclass(frozen=True)
class DisclosureCheck:
    ok: bool
    code: str
    message: str


def verify_disclosure(
    *, node: PartnerNode, document: dict, seal: dict, now: datetime | None = None
) -> DisclosureCheck:
    """Check a partner's sealed answer with the trust list imported for that node."""
    now = now or timezone.now()
    seal = seal if isinstance(seal, dict) else {}
    key = PartnerKey.objects.filter(node=node, key_id=str(seal.get("key_id", ""))).first()
    if key is None:
        return DisclosureCheck(False, "unknown-key", "签章密钥不在为该节点导入的信任列表中")
    if key.algorithm != seal.get("algorithm") or key.issuer_uscc != seal.get("issuer_uscc"):
        return DisclosureCheck(False, "untrusted-key", "签章算法或发证部门与信任列表不符")
    if document.get("issuer_code") and document.get("issuer_code") != key.issuer_uscc:
        return DisclosureCheck(False, "untrusted-key", "签章密钥不属于该证照的发证部门")
    try:
        signature = base64.b64decode(str(seal.get("signature", "")), validate=True)
        data = canonical_bytes(document)
        signed_at = _moment(seal.get("signed_at"))
    except (binascii.Error, ValueError, TypeError):
        return DisclosureCheck(False, "bad-signature", "签章数据格式错误")
    if not signers[key.algorithm].verify(key.public_key, data, signature):
        return DisclosureCheck(False, "bad-signature", "签章验证失败：返回的数据已被篡改或签名无效")
    if not key.valid_at(signed_at) or key.compromised_for(signed_at):
        return DisclosureCheck(False, "key-not-valid-at-signing", "签章时密钥不在有效期内或已泄露")
    if abs(now - signed_at) > MAX_CLOCK_SKEW:
        return DisclosureCheck(False, "stale", "返回的数据签章时间与当前时间相差过大（可能是重放）")
    return DisclosureCheck(True, "valid", "签章有效（依据为该节点导入的信任列表）")
