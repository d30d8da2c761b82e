from .keys import KeyAlgorithm, KeyState, SealKey
from .licenses import ELicense, HolderCodeType, LicenseStatus, LicenseVersion, SerialCounter, StatusAction, StatusChange

__all__ = [
    "ELicense",
    "HolderCodeType",
    "KeyAlgorithm",
    "KeyState",
    "LicenseStatus",
    "LicenseVersion",
    "SealKey",
    "SerialCounter",
    "StatusAction",
    "StatusChange",
]
