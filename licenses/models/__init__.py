from .audit import AccessChannel, AccessLogEntry, AccessResult, AuditChainHead, AuditImmutable
from .consent import Consent, ConsentState
from .keys import KeyAlgorithm, KeyState, SealKey
from .licenses import (
    ELicense,
    HolderCodeType,
    LicenseStatus,
    LicenseVersion,
    SerialCounter,
    StatusAction,
    StatusChange,
)
from .partners import PartnerKey, PartnerNode

__all__ = [
    "AccessChannel",
    "AccessLogEntry",
    "AccessResult",
    "AuditChainHead",
    "AuditImmutable",
    "Consent",
    "ConsentState",
    "ELicense",
    "HolderCodeType",
    "KeyAlgorithm",
    "KeyState",
    "LicenseStatus",
    "LicenseVersion",
    "PartnerKey",
    "PartnerNode",
    "SealKey",
    "SerialCounter",
    "StatusAction",
    "StatusChange",
]
