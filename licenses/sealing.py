"""The sealing contract other apps use (CONTRACTS.md): one import for sealing and verifying.

from licenses.sealing import seal_payload, verify_payload, canonical_bytes, create_seal_key
"""

from licenses.seals import SealCheck, canonical_bytes, seal_payload, verify_payload
from licenses.services.keys import create_seal_key

__all__ = ["SealCheck", "canonical_bytes", "create_seal_key", "seal_payload", "verify_payload"]
