"""Consent (用证授权): preview, grant, revoke, and the check every read goes through."""

from .access import AccessBasis, authorise_read
from .legal import LEGAL_BASES
from .preview import ConsentPreview, preview_consent
from .services import grant_consent, register_partner_consent, revoke_consent

__all__ = [
    "LEGAL_BASES",
    "AccessBasis",
    "ConsentPreview",
    "authorise_read",
    "grant_consent",
    "preview_consent",
    "register_partner_consent",
    "revoke_consent",
]
