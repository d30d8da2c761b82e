"""The signer interface and its registry (``catalogs.registry.Registry``). Signers keep no state, so the
registry holds one instance per algorithm: ``signers["sm2-sm3"].verify(...)``.

``verify`` remembers the signatures it found valid (``_verified``): whether a signature is valid for some
bytes under some public key is a pure function of those three, so a hit proves exactly what a new verify
would. The entry is keyed by the algorithm, the public key's PEM, the SHA-256 of the data and the signature
itself: bytes changed in the database (a tampered payload or status entry, another key's PEM) are another
entry and are verified afresh. Only the crypto is remembered; whether the key is trusted, was valid when it
signed, or has been compromised since are the callers' checks and run on every call (verify_license). A
license is verified again and again (each case that uses it, each scan of its QR code, each partner node's
call), and the signature is most of the cost of a repeat (docs/benchmarks/performance.md).
"""

import hashlib
from abc import ABC, abstractmethod
from functools import lru_cache
from typing import Any

from catalogs.registry import Registry


class Signer(ABC):
    algorithm: str = ""
    label: str = ""

    @abstractmethod
    def generate(self) -> tuple[bytes, str]:
        """A new key pair: (private key as PKCS#8 DER, public key as SPKI PEM)."""

    @abstractmethod
    def load_private_key(self, private_der: bytes) -> Any:
        """Parse a PKCS#8 DER private key (bulk sealing loads it once)."""

    @abstractmethod
    def sign_with(self, private_key: Any, data: bytes) -> bytes:
        """Sign ``data``; the hash is part of the algorithm (SHA-256 or SM3 with the SM2 Z value)."""

    def sign(self, private_der: bytes, data: bytes) -> bytes:
        return self.sign_with(self.load_private_key(private_der), data)

    @abstractmethod
    def load_public_key(self, public_pem: str) -> Any:
        """Parse a public key (callers cache the result)."""

    @abstractmethod
    def verify_with(self, public_key: Any, data: bytes, signature: bytes) -> bool:
        """True when ``signature`` is valid for ``data``; never raises for a bad signature."""

    def verify(self, public_pem: str, data: bytes, signature: bytes) -> bool:
        entry = (self.algorithm, public_pem, hashlib.sha256(data).digest(), bytes(signature))
        if entry in _verified:
            return True
        try:
            public_key = _cached_public_key(self.algorithm, public_pem)
        except ValueError:
            return False
        valid = self.verify_with(public_key, data, signature)
        if valid:
            _remember(entry)
        return valid


signers: Registry[Signer] = Registry("签名算法")


def register(name: str):
    """``@register("sm2-sm3")`` on a ``Signer`` subclass names its algorithm and registers one instance."""

    def decorator(cls: type[Signer]) -> type[Signer]:
        cls.algorithm = name
        signers.register_instance(name, cls(), label=cls.label)
        return cls

    return decorator


# (algorithm, public PEM, SHA-256 of the data, signature) of signatures found valid, oldest first; about
# 250 bytes an entry. Only valid ones: a flood of bad signatures costs its verifies and evicts nothing.
VERIFIED_CACHE_SIZE = 32_768
_verified: dict[tuple[str, str, bytes, bytes], None] = {}


def _remember(entry: tuple[str, str, bytes, bytes]) -> None:
    while len(_verified) >= VERIFIED_CACHE_SIZE:
        try:  # the oldest entry; another thread may be evicting too
            del _verified[next(iter(_verified))]
        except (KeyError, RuntimeError, StopIteration):
            break
    _verified[entry] = None


def forget_verified_signatures() -> None:
    """Empty the cache (benchmarks measure a first verification with it empty)."""
    _verified.clear()


@lru_cache(maxsize=512)
def _cached_public_key(algorithm: str, public_pem: str) -> Any:
    """Parsed public keys are immutable, so a per-process cache is safe across servers."""
    return signers[algorithm].load_public_key(public_pem)
