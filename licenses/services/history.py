"""The sealed status history of a license: each ``StatusChange`` is signed by the issuer's key and chained.

Entry ``seq`` signs (RFC 8785 canonical JSON) the license's identity (type code, issuer USCC, serial), the
version it concerns, the action, both statuses, the time and ``prev`` — the SHA-256 of entry ``seq - 1``'s
signed content (64 zeros for the first). ``check_status_history`` walks the chain and compares its last
status with the license row: a status changed by SQL, a rewritten entry or one removed from the middle is
caught. What it cannot catch on its own: the newest entries removed together with the status (the partner
nodes' copies, the access-log checkpoints and backups are the outside record; docs/licenses.md).
"""

import base64
import binascii
import hashlib
from datetime import UTC, datetime

from django.utils import translation

from accounts.models import User
from licenses.errors import NoActiveKey
from licenses.models import ELicense, KeyState, LicenseStatus, LicenseVersion, SealKey, StatusChange
from licenses.prepared import PreparedQuery
from licenses.sealing import KeySealer, canonical_bytes, current_key
from licenses.signers import signers

GENESIS = "0" * 64
# compiled once per database: verify_license reads the chain on every call. No joins: the entries' version
# and key are nearly always the ones the caller already holds (``known``), the others are read by key.
_CHANGES_OF_LICENSE = PreparedQuery(
    lambda license_id: StatusChange.objects.filter(license_id=license_id).order_by("seq", "id"),
    marker=-7_319_004_211,
)


def _moment(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def change_payload(change: StatusChange, *, lic: ELicense, version_identifier: str) -> dict:
    return {
        "license": {"type_code": lic.license_type.code, "issuer_code": lic.issuer.uscc, "serial": lic.serial},
        "seq": change.seq,
        "version": version_identifier,
        "action": change.action,
        "from_status": change.from_status,
        "to_status": change.to_status,
        "at": _moment(change.at),
        "prev": change.prev_hash,
    }


def _digest(payload: dict) -> str:
    return hashlib.sha256(canonical_bytes(payload)).hexdigest()


def build_status_change(
    *,
    license: ELicense,
    version: LicenseVersion | None,
    action: str,
    from_status: str,
    to_status: str,
    reason: str,
    actor: User,
    at: datetime,
    sealer: KeySealer | None = None,
    previous: StatusChange | None = None,
    first: bool = False,
) -> StatusChange:
    """An unsaved, sealed entry chained onto ``previous`` (the license's last entry, looked up unless ``first``).
    Callers hold the license row lock (or the license is new), so entries of one license never interleave."""
    if previous is None and not first:
        previous = StatusChange.objects.filter(license=license).order_by("-seq").first()
    sealer = sealer or _status_sealer(license.issuer, at)
    change = StatusChange(
        license=license,
        version=version,
        action=action,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        actor=actor,
        at=at,
        seq=(previous.seq + 1) if previous else 1,
        seal_key=sealer.key if sealer else None,
        prev_hash=_digest(change_payload(previous, lic=license, version_identifier=_identifier(previous)))
        if previous
        else GENESIS,
    )
    if sealer is not None:
        change.seal_signature = sealer.sign(
            change_payload(change, lic=license, version_identifier=version.identifier if version else "")
        )
    return change


def _status_sealer(department, at: datetime) -> KeySealer | None:
    """The key that seals a status change: the signing key in force, else the newest key of the department
    that is not compromised (a revocation or the expiry job must never be blocked by a key's window). With no
    key at all the entry stays unsealed, and the license fails ``status_history`` until it is sealed again."""
    try:
        return KeySealer(current_key(department=department, at=at))
    except NoActiveKey:
        key = (
            SealKey.objects.filter(department=department)
            .exclude(state=KeyState.COMPROMISED)
            .exclude(private_key_encrypted="")
            .order_by("-valid_from", "-id")
            .first()
        )
        return KeySealer(key) if key else None


def record_status_change(**kwargs) -> StatusChange:
    change = build_status_change(**kwargs)
    change.full_clean()
    change.save()
    return change


def _identifier(change: StatusChange) -> str:
    return change.version.identifier if change.version_id else ""


def _versions_and_keys(changes: list[StatusChange], known: tuple) -> tuple[dict, dict]:
    """The identifiers of the entries' versions and their keys, by id: those in ``known`` (model instances
    the caller has already read) without a query, the rest in one query each."""
    identifiers = {obj.pk: obj.identifier for obj in known if isinstance(obj, LicenseVersion)}
    keys = {obj.pk: obj for obj in known if isinstance(obj, SealKey)}
    other_versions = {c.version_id for c in changes if c.version_id and c.version_id not in identifiers}
    if other_versions:
        identifiers.update(
            LicenseVersion.objects.filter(pk__in=other_versions).values_list("pk", "identifier")
        )
    other_keys = {c.seal_key_id for c in changes if c.seal_key_id and c.seal_key_id not in keys}
    if other_keys:
        keys.update(SealKey.objects.in_bulk(other_keys))
    return identifiers, keys


def check_status_history(lic: ELicense, *, known: tuple = ()) -> tuple[bool, str]:
    """(ok, Chinese message): the history's seals and chain hold and its last status is the license's status.
    ``known``: the license's version and seal key as the caller read them, to spare reading them again."""

    changes = _CHANGES_OF_LICENSE.all(lic.pk)
    if not changes:
        return False, "没有状态变更记录"
    identifiers, keys = _versions_and_keys(changes, known)
    prev = GENESIS
    for expected_seq, change in enumerate(changes, start=1):
        key = keys.get(change.seal_key_id)
        if change.seq != expected_seq:
            return False, f"状态变更记录第 {expected_seq} 条缺失（记录被删除）"
        if change.prev_hash != prev:
            return False, f"状态变更记录第 {change.seq} 条与前一条不衔接（记录被删除或改写）"
        payload = change_payload(
            change, lic=lic, version_identifier=identifiers[change.version_id] if change.version_id else ""
        )
        try:
            signature = base64.b64decode(change.seal_signature, validate=True)
        except (binascii.Error, ValueError):
            signature = b""
        if key is None:
            return False, f"状态变更记录第 {change.seq} 条未签章（发证部门当时没有可用的签章密钥）"
        signed = canonical_bytes(payload)
        if not signers[key.algorithm].verify(key.public_key, signed, signature):
            return False, f"状态变更记录第 {change.seq} 条签章验证失败（记录被改写）"
        # whether the issuer's key is on the trust list is the seal checks' question (seal_key_trusted)
        if key.department_id != lic.issuer_id or key.compromised_for(change.at):
            return False, f"状态变更记录第 {change.seq} 条的签章密钥不属于发证部门或当时已泄露"
        prev = hashlib.sha256(signed).hexdigest()  # _digest(payload), without canonicalising twice
    last = changes[-1].to_status
    if last != lic.status:
        with translation.override("zh-hans"):  # the report keeps Chinese messages (licenses.verification)
            stored, sealed = str(LicenseStatus(lic.status).label), str(LicenseStatus(last).label)
        return False, f"证照状态“{stored}”与签章的状态变更记录（最后为“{sealed}”）不符：状态被直接改动"
    return True, f"状态与签章的状态变更记录一致（共 {len(changes)} 条）"
