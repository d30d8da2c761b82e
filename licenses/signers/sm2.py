"""SM2 signatures with SM3 (GB/T 32918, GM/T 0009 default user ID), via ``tongsuopy``.

tongsuopy wraps Tongsuo (the maintained OpenSSL fork of the Ant Group / OpenAtom project); its
SM2 signatures include the Z value over the default ID ``1234567812345678``, so they interoperate
with gmalglib (the tests cross-check both ways). Nonces come from the library's CSPRNG; we never
sign with ``gmssl`` (pure Python, predictable nonce).
"""

from tongsuopy.crypto import hashes, serialization
from tongsuopy.crypto.asymciphers import ec
from tongsuopy.crypto.exceptions import InternalError, InvalidSignature

from .base import Signer, register


@register("sm2-sm3")
class Sm2Sm3Signer(Signer):
    label = "SM2 / SM3"

    def generate(self) -> tuple[bytes, str]:
        key = ec.generate_private_key(ec.SM2())
        private_der = key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        public_pem = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode("ascii")
        return private_der, public_pem

    def load_private_key(self, private_der: bytes):
        key = serialization.load_der_private_key(private_der, password=None)
        if not isinstance(getattr(key, "curve", None), ec.SM2):
            raise ValueError("not an SM2 private key")
        return key

    def sign_with(self, private_key, data: bytes) -> bytes:
        return private_key.sign(data, ec.ECDSA(hashes.SM3()))

    def load_public_key(self, public_pem: str):
        key = serialization.load_pem_public_key(public_pem.encode("ascii"))
        if not isinstance(getattr(key, "curve", None), ec.SM2):
            raise ValueError("not an SM2 public key")
        return key

    def verify_with(self, public_key, data: bytes, signature: bytes) -> bool:
        try:
            public_key.verify(signature, data, ec.ECDSA(hashes.SM3()))
        except (InvalidSignature, InternalError, ValueError):  # Tongsuo raises InternalError on malformed DER
            return False
        return True
