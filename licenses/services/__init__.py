"""Writes of the license registry, one module per concept (keys, drafts, issuing, status, importing)."""

from .issuing import issue_license, update_license
from .keys import create_seal_key, mark_key_compromised, rotate_seal_key
from .status import cancel_license, expire_due_licenses, restore_license, revoke_license, suspend_license

__all__ = [
    "cancel_license",
    "create_seal_key",
    "expire_due_licenses",
    "issue_license",
    "mark_key_compromised",
    "restore_license",
    "revoke_license",
    "rotate_seal_key",
    "suspend_license",
    "update_license",
]
