"""Appending to the access log. Every read path calls ``record_access`` (or ``record_license_reads``
for a page of licenses) exactly once per license read, in the same transaction as the read.

Appends are serialised by ``SELECT … FOR UPDATE`` on the single chain head row: on PostgreSQL
concurrent appenders from any number of servers queue on that row lock, so each entry chains onto
the one before it; on SQLite writes are serialised by the database lock anyway.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from licenses.models import AccessChannel, AccessLogEntry, AccessResult, AuditChainHead, ELicense, PartnerNode

from .chain import GENESIS, entry_hash


@dataclass(frozen=True)
class Reader:
    """Who reads and why: a signed-in user, a partner node, or the public (with a verification code)."""

    channel: str
    user: object = None
    node: PartnerNode | None = None
    purpose: str = ""
    case_reference: str = ""
    consent_reference: str = ""
    legal_basis: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        if self.node is not None:
            return f"伙伴节点：{self.node.name}（{self.node.code}）"[:150]
        user = self.user
        if user is None or not getattr(user, "is_authenticated", False):
            # stored Chinese; marked so that the usage record can translate them on display
            return {
                AccessChannel.PUBLIC: gettext_noop("公众（持核验码）"),
                AccessChannel.COMMAND: gettext_noop("命令行（运维人员）"),
            }.get(self.channel, gettext_noop("系统"))
        department = getattr(user, "department", None)
        who = getattr(user, "real_name", "") or user.get_username()
        return (f"{department.name} · {who}" if department else who)[:150]


def _head_for_update() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AuditChainHead.objects.get_or_create(pk=1, defaults={"last_seq": 0, "last_hash": GENESIS})
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


@transaction.atomic
def record_access(
    *,
    reader: Reader,
    result: str,
    license: ELicense | None = None,
    license_identifier: str = "",
    license_name: str = "",
    holder_code: str = "",
    fields_read: list[str] | None = None,
    detail: str = "",
) -> AccessLogEntry:
    """Append one entry (one read of one license, or one refused attempt)."""
    if result not in AccessResult.values:
        raise ValueError(f"unknown access result {result!r}")
    user = reader.user if getattr(reader.user, "is_authenticated", False) else None
    head = _head_for_update()
    entry = AccessLogEntry(
        seq=head.last_seq + 1,
        at=timezone.now(),
        channel=reader.channel,
        actor=user,
        actor_label=reader.label,
        node=reader.node,
        license=license,
        license_identifier=license_identifier[:120],
        license_name=license_name[:100],
        holder_code=(holder_code or (license.holder_code if license else ""))[:18],
        case_reference=reader.case_reference[:64],
        purpose=reader.purpose[:200],
        consent_reference=str(reader.consent_reference or "")[:36],
        legal_basis=reader.legal_basis[:40],
        fields_read=sorted(fields_read or []),
        result=result,
        detail=detail[:300],
        prev_hash=head.last_hash,
    )
    entry.entry_hash = entry_hash(prev_hash=head.last_hash, entry=entry)
    entry.save(_append=True)
    AuditChainHead.objects.filter(pk=1).update(last_seq=entry.seq, last_hash=entry.entry_hash)
    return entry


def record_license_reads(*, reader: Reader, versions, fields_read: list[str] | None = None) -> None:
    """One entry per license shown (wallet, list APIs): each shown license is one read."""
    for version in versions:
        lic = version.license
        record_access(
            reader=reader,
            result=AccessResult.GRANTED,
            license=lic,
            license_identifier=version.identifier,
            license_name=version.name,
            fields_read=fields_read or [],
        )
