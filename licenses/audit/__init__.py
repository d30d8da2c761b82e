"""The access log (用证记录): append one entry per read, verify the hash chain."""

from .chain import ChainBreak, canonical_entry, entry_hash, verify_chain
from .record import Reader, record_access, record_license_reads

__all__ = [
    "ChainBreak",
    "Reader",
    "canonical_entry",
    "entry_hash",
    "record_access",
    "record_license_reads",
    "verify_chain",
]
