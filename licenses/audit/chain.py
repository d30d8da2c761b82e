"""The hash chain of the access log: hash = SHA-256(previous hash ‖ RFC 8785 canonical content)."""

import hashlib
from dataclasses import dataclass

import rfc8785

from licenses.models import AccessLogEntry, AuditChainHead

GENESIS = "0" * 64
CHAINED_FIELDS = [
    "seq",
    "channel",
    "actor_id",
    "actor_label",
    "node_id",
    "license_id",
    "license_identifier",
    "license_name",
    "holder_code",
    "case_reference",
    "purpose",
    "consent_reference",
    "legal_basis",
    "fields_read",
    "result",
    "detail",
]


def canonical_entry(entry: AccessLogEntry) -> bytes:
    content = {name: getattr(entry, name) for name in CHAINED_FIELDS}
    content["at"] = entry.at.isoformat(timespec="microseconds")
    return rfc8785.dumps(content)


def entry_hash(*, prev_hash: str, entry: AccessLogEntry) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical_entry(entry)).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    entry_id: int | None
    reason: str

    def __str__(self) -> str:
        return f"第 {self.seq} 条（id={self.entry_id}）：{self.reason}"


def verify_chain(*, batch_size: int = 2000) -> tuple[int, ChainBreak | None]:
    """Walk the chain in order; return (entries checked, first break or None).

    A changed entry no longer matches its own hash; a deleted entry leaves a gap in the sequence
    (and the next entry's ``prev_hash`` no longer matches); a removed tail is caught by the head row."""

    prev_hash, expected_seq, checked = GENESIS, 1, 0
    last_id = 0
    while True:
        rows = list(AccessLogEntry.objects.filter(seq__gte=expected_seq).order_by("seq")[:batch_size])
        if not rows:
            break
        for row in rows:
            if row.seq != expected_seq:
                return checked, ChainBreak(
                    expected_seq, None, f"缺少该条记录（下一条为第 {row.seq} 条，记录被删除）"
                )
            if row.prev_hash != prev_hash:
                return checked, ChainBreak(row.seq, row.pk, "前一条摘要不符（前面的记录被删除或替换）")
            if entry_hash(prev_hash=prev_hash, entry=row) != row.entry_hash:
                return checked, ChainBreak(row.seq, row.pk, "内容与摘要不符（记录被修改）")
            prev_hash, expected_seq, last_id = row.entry_hash, expected_seq + 1, row.pk
            checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None and checked:
        return checked, ChainBreak(
            checked, last_id or None, f"缺少链头记录，但有 {checked} 条记录（链头被删除）"
        )
    if head is not None and head.last_seq != checked:
        return checked, ChainBreak(
            checked + 1 if head.last_seq > checked else head.last_seq,
            None,
            f"链头记录共 {head.last_seq} 条，实有 {checked} 条（末尾记录被删除或链头被改动）",
        )
    if head is not None and head.last_hash != prev_hash:
        return checked, ChainBreak(checked, last_id or None, "链头摘要与最后一条记录不符")
    return checked, None
