"""SM2 signatures with SM3 (GB/T 32918, GM/T 0009 default user ID), via ``tongsuopy``.

tongsuopy wraps Tongsuo (the maintained OpenSSL fork of the Ant Group / OpenAtom project); its
SM2 signatures include the Z value over the default ID ``1234567812345678``, so they interoperate
with gmalglib (the tests cross-check both ways). Nonces come from the library's CSPRNG; we never
sign with ``gmssl`` (pure Python, predictable nonce).
"""

from tongsuopy.crypto import hashes, serialization
from tongsuopy.crypto.asymciphers import ec
from tongsuopy.crypto.exceptions import InternalError, InvalidSignature

from .base import register
from .curves import EllipticCurveSigner


@register("sm2-sm3")
class Sm2Sm3Signer(EllipticCurveSigner):
    label = "SM2 / SM3"
    ec, serialization, curve, digest = ec, serialization, ec.SM2, hashes.SM3
    curve_name = "SM2"
    bad_signature_errors = (
        InvalidSignature,
        InternalError,
        ValueError,
    )  # Tongsuo raises InternalError on malformed DER
