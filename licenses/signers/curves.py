"""Elliptic-curve signers over the pyca/cryptography API.

``cryptography`` (ECDSA P-256) and ``tongsuopy`` (SM2, which mirrors that API) differ only in their
modules, curve, hash and the exceptions a bad signature raises; one class serves both.
"""

from types import ModuleType

from .base import Signer


class EllipticCurveSigner(Signer):
    ec: ModuleType
    serialization: ModuleType
    curve: type
    digest: type
    curve_name = ""
    bad_signature_errors: tuple[type[Exception], ...] = (ValueError,)

    def generate(self) -> tuple[bytes, str]:
        key = self.ec.generate_private_key(self.curve())
        private_der = key.private_bytes(
            self.serialization.Encoding.DER,
            self.serialization.PrivateFormat.PKCS8,
            self.serialization.NoEncryption(),
        )
        public_pem = (
            key.public_key()
            .public_bytes(
                self.serialization.Encoding.PEM, self.serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode("ascii")
        )
        return private_der, public_pem

    def _checked(self, key, what: str):
        if not isinstance(getattr(key, "curve", None), self.curve):
            raise ValueError(f"not an {self.curve_name} {what} key")
        return key

    def load_private_key(self, private_der: bytes):
        return self._checked(self.serialization.load_der_private_key(private_der, password=None), "private")

    def load_public_key(self, public_pem: str):
        return self._checked(self.serialization.load_pem_public_key(public_pem.encode("ascii")), "public")

    def sign_with(self, private_key, data: bytes) -> bytes:
        return private_key.sign(data, self.ec.ECDSA(self.digest()))

    def verify_with(self, public_key, data: bytes, signature: bytes) -> bool:
        try:
            public_key.verify(signature, data, self.ec.ECDSA(self.digest()))
        except self.bad_signature_errors:
            return False
        return True
