"""Signature algorithms behind one interface (plugins registered by name).

``@register("ecdsa-p256-sha256")`` / ``@register("sm2-sm3")``; callers use ``signers[name]``.
Keys travel as PKCS#8 DER (private, only ever encrypted at rest) and SubjectPublicKeyInfo PEM
(public, published in the trust list). Signatures are DER ``SEQUENCE {r, s}`` for both algorithms.
"""

from .base import Signer, register, signers

# import the implementations so they register themselves
from . import ecdsa, sm2  # noqa: E402,F401  isort:skip

__all__ = ["Signer", "register", "signers"]
