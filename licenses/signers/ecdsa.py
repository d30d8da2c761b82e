"""ECDSA over NIST P-256 with SHA-256, via ``cryptography``."""

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from .base import Signer, register


@register("ecdsa-p256-sha256")
class EcdsaP256Signer(Signer):
    label = "ECDSA P-256 / SHA-256"

    def generate(self) -> tuple[bytes, str]:
        key = ec.generate_private_key(ec.SECP256R1())
        private_der = key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        public_pem = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode("ascii")
        return private_der, public_pem

    def load_private_key(self, private_der: bytes):
        key = serialization.load_der_private_key(private_der, password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
            raise ValueError("not a P-256 private key")
        return key

    def sign_with(self, private_key, data: bytes) -> bytes:
        return private_key.sign(data, ec.ECDSA(hashes.SHA256()))

    def load_public_key(self, public_pem: str):
        key = serialization.load_pem_public_key(public_pem.encode("ascii"))
        if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
            raise ValueError("not a P-256 public key")
        return key

    def verify_with(self, public_key, data: bytes, signature: bytes) -> bool:
        try:
            public_key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        except (InvalidSignature, ValueError):
            return False
        return True
