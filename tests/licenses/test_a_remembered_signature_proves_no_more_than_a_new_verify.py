"""Signatures found valid are remembered (licenses.signers.base): a repeat verification skips the crypto, and
nothing else. Bytes changed in the database, a key taken off the trust list or marked compromised after the
first verification are caught exactly as without the cache."""

from datetime import timedelta

import pytest
from django.utils import timezone

from licenses.models import LicenseVersion, SealKey, StatusChange
from licenses.signers import base, signers
from licenses.verification import verify_license

from .helpers import issue_person_license, issuer_with_key


def failed_checks(report) -> list[str]:
    return [check.name for check in report.checks if not check.ok]


@pytest.fixture(autouse=True)
def empty_cache():
    base.forget_verified_signatures()
    yield
    base.forget_verified_signatures()


@pytest.mark.parametrize("algorithm", ["ecdsa-p256-sha256", "sm2-sm3"])
def test_a_face_changed_after_a_verification_still_breaks_the_seal(db, algorithm):
    version = issue_person_license(issuer=issuer_with_key(algorithm))
    assert verify_license(identifier=version.identifier).result == "valid"
    assert len(base._verified) == 2  # the seal and the status history's one entry
    LicenseVersion.objects.filter(pk=version.pk).update(face={**version.face, "vehicle_class": "A1"})
    report = verify_license(identifier=version.identifier)
    assert (report.result, failed_checks(report)) == ("untrusted-seal", ["seal_signature"])


def test_a_rewritten_status_entry_after_a_verification_still_fails_the_history(db):
    version = issue_person_license(issuer=issuer_with_key())
    assert verify_license(identifier=version.identifier).result == "valid"
    StatusChange.objects.filter(license=version.license).update(at=timezone.now() - timedelta(days=3))
    report = verify_license(identifier=version.identifier)
    assert (report.result, failed_checks(report)) == ("untrusted-seal", ["status_history"])
    assert "签章验证失败" in report.failed("status_history").message


def test_a_key_taken_off_the_trust_list_or_compromised_after_a_verification_is_caught(db):
    version = issue_person_license(issuer=issuer_with_key())
    assert verify_license(identifier=version.identifier).result == "valid"
    SealKey.objects.filter(pk=version.seal_key_id).update(trusted=False)
    assert failed_checks(verify_license(identifier=version.identifier)) == ["seal_key_trusted"]
    SealKey.objects.filter(pk=version.seal_key_id).update(
        trusted=True, compromised_at=version.sealed_at - timedelta(minutes=1)
    )
    assert failed_checks(verify_license(identifier=version.identifier)) == [
        "seal_key_valid_at_signing",
        "status_history",
    ]


def test_only_valid_signatures_are_remembered_and_the_cache_is_bounded(db, monkeypatch):
    signer = signers["ecdsa-p256-sha256"]
    private, public = signer.generate()
    data = [f"证照数据 {n}".encode() for n in range(6)]
    signatures = [signer.sign(private, item) for item in data]
    assert not signer.verify(public, data[0], signatures[1])
    assert base._verified == {}
    monkeypatch.setattr(base, "VERIFIED_CACHE_SIZE", 4)
    for item, signature in zip(data, signatures, strict=True):
        assert signer.verify(public, item, signature)
    assert len(base._verified) == 4
    remembered = {entry[3] for entry in base._verified}
    assert remembered == set(signatures[2:])  # the oldest went first
    # a remembered entry is the exact triple: the same signature over other bytes is verified afresh
    assert not signer.verify(public, data[0], signatures[5])
