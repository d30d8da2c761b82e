"""The signer interface and its registry (``catalogs.registry.Registry``). Signers keep no state, so the
registry holds one instance per algorithm: ``signers["sm2-sm3"].verify(...)``."""

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
        try:
            public_key = _cached_public_key(self.algorithm, public_pem)
        except ValueError:
            return False
        return self.verify_with(public_key, data, signature)


signers: Registry[Signer] = Registry("签名算法")


def register(name: str):
    """``@register("sm2-sm3")`` on a ``Signer`` subclass names its algorithm and registers one instance."""

    def decorator(cls: type[Signer]) -> type[Signer]:
        cls.algorithm = name
        signers.register_instance(name, cls(), label=cls.label)
        return cls

    return decorator


@lru_cache(maxsize=512)
def _cached_public_key(algorithm: str, public_pem: str) -> Any:
    """Parsed public keys are immutable, so a per-process cache is safe across servers."""
    return signers[algorithm].load_public_key(public_pem)
