"""Known answers and round trips of the 国密 primitives and of ECDSA behind the signer registry."""

import pytest
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from gmalglib import sm2 as gm_sm2
from gmalglib import sm3 as gm_sm3
from tongsuopy.crypto import hashes, serialization

from licenses.signers import signers

SM3_ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def _flip_bit(data: bytes, index: int) -> bytes:
    flipped = bytearray(data)
    flipped[index] ^= 0x01
    return bytes(flipped)


def test_sm3_of_abc_matches_the_standard_known_answer_in_gmalglib():
    assert gm_sm3.SM3(b"abc").digest().hex() == SM3_ABC


def test_sm3_of_abc_matches_the_standard_known_answer_in_tongsuo():
    digest = hashes.Hash(hashes.SM3())
    digest.update(b"abc")
    assert digest.finalize().hex() == SM3_ABC


def test_both_algorithms_are_registered():
    assert list(signers) == ["ecdsa-p256-sha256", "sm2-sm3"]


@pytest.mark.parametrize("algorithm", ["sm2-sm3", "ecdsa-p256-sha256"])
def test_a_signature_round_trips(algorithm):
    signer = signers[algorithm]
    private_der, public_pem = signer.generate()
    signature = signer.sign(private_der, "电子证照".encode())
    assert signer.verify(public_pem, "电子证照".encode(), signature) is True


@pytest.mark.parametrize("algorithm", ["sm2-sm3", "ecdsa-p256-sha256"])
def test_a_flipped_bit_in_the_signed_data_fails(algorithm):
    signer = signers[algorithm]
    private_der, public_pem = signer.generate()
    data = b"1.2.156.3005.2 license payload"
    signature = signer.sign(private_der, data)
    assert signer.verify(public_pem, _flip_bit(data, 3), signature) is False


@pytest.mark.parametrize("algorithm", ["sm2-sm3", "ecdsa-p256-sha256"])
def test_a_flipped_bit_in_the_signature_fails(algorithm):
    signer = signers[algorithm]
    private_der, public_pem = signer.generate()
    signature = signer.sign(private_der, b"payload")
    assert signer.verify(public_pem, b"payload", _flip_bit(signature, len(signature) - 1)) is False


@pytest.mark.parametrize("algorithm", ["sm2-sm3", "ecdsa-p256-sha256"])
def test_a_signature_from_another_key_fails(algorithm):
    signer = signers[algorithm]
    private_der, _ = signer.generate()
    _, other_public = signer.generate()
    assert signer.verify(other_public, b"payload", signer.sign(private_der, b"payload")) is False


def test_garbage_signature_bytes_fail_without_raising():
    signer = signers["sm2-sm3"]
    _, public_pem = signer.generate()
    assert signer.verify(public_pem, b"payload", b"\x30\x02\x01") is False


def test_an_sm2_signature_verifies_in_an_independent_implementation():
    """Our SM2 (Tongsuo) signs with the default ID's Z value, so gmalglib accepts it."""
    signer = signers["sm2-sm3"]
    private_der, public_pem = signer.generate()
    signature = signer.sign(private_der, b"interop")
    public_key = serialization.load_pem_public_key(public_pem.encode())
    raw_point = public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    r, s = decode_dss_signature(signature)
    assert gm_sm2.SM2(pk=raw_point).verify(b"interop", r.to_bytes(32, "big") + s.to_bytes(32, "big")) is True
