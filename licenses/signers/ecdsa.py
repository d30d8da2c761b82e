"""ECDSA over NIST P-256 with SHA-256, via ``cryptography``."""

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from .base import register
from .curves import EllipticCurveSigner


@register("ecdsa-p256-sha256")
class EcdsaP256Signer(EllipticCurveSigner):
    label = "ECDSA P-256 / SHA-256"
    ec, serialization, curve, digest = ec, serialization, ec.SECP256R1, hashes.SHA256
    curve_name = "P-256"
    bad_signature_errors = (InvalidSignature, ValueError)
