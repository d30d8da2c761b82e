"""licenses.sealing as other apps use it: seal a payload, verify it, and every way it can fail."""

from datetime import timedelta

import pytest
from cryptography.exceptions import InvalidTag
from django.utils import timezone

from licenses.errors import NoActiveKey
from licenses.models import KeyState, SealKey
from licenses.sealing import canonical_bytes, create_seal_key, seal_payload, verify_payload
from licenses.services.keys import mark_key_compromised, rotate_seal_key
from licenses.signers.keystore import decrypt_private_key

PAYLOAD = {"case": "BJ-2026-0001", "decision": "准予许可", "amount": "9.00", "items": [1, 2]}


@pytest.mark.parametrize("algorithm", ["ecdsa-p256-sha256", "sm2-sm3"])
def test_a_sealed_payload_verifies(db, department, algorithm):
    create_seal_key(department=department, algorithm=algorithm)
    seal = seal_payload(department=department, payload=PAYLOAD)
    check = verify_payload(payload=PAYLOAD, seal=seal)
    assert (check.ok, check.code, check.algorithm, check.issuer_uscc) == (
        True,
        "valid",
        algorithm,
        department.uscc,
    )


def test_a_seal_has_the_agreed_keys(db, department):
    key = create_seal_key(department=department)
    seal = seal_payload(department=department, payload=PAYLOAD)
    assert set(seal) == {"algorithm", "key_id", "signature", "signed_at", "issuer_uscc"}
    assert seal["key_id"] == key.key_id


def test_canonical_bytes_do_not_depend_on_key_order():
    assert (
        canonical_bytes({"b": 1, "a": "中"})
        == canonical_bytes({"a": "中", "b": 1})
        == '{"a":"中","b":1}'.encode()
    )


def test_a_changed_payload_value_fails_as_bad_signature(db, department):
    create_seal_key(department=department, algorithm="sm2-sm3")
    seal = seal_payload(department=department, payload=PAYLOAD)
    check = verify_payload(payload={**PAYLOAD, "decision": "不予许可"}, seal=seal)
    assert (check.ok, check.code) == (False, "bad-signature")


def test_a_seal_naming_an_unknown_key_fails(db, department):
    create_seal_key(department=department)
    seal = seal_payload(department=department, payload=PAYLOAD)
    check = verify_payload(payload=PAYLOAD, seal={**seal, "key_id": "NO-SUCH-KEY"})
    assert (check.ok, check.code) == (False, "unknown-key")


def test_a_seal_by_a_key_outside_the_trust_list_fails(db, department):
    create_seal_key(department=department, trusted=False)
    seal = seal_payload(department=department, payload=PAYLOAD)
    assert verify_payload(payload=PAYLOAD, seal=seal).code == "untrusted-key"


def test_a_seal_claiming_another_issuer_fails(db, department):
    create_seal_key(department=department)
    seal = seal_payload(department=department, payload=PAYLOAD)
    assert (
        verify_payload(payload=PAYLOAD, seal={**seal, "issuer_uscc": "91630100MA0000000X"}).code
        == "untrusted-key"
    )


def test_a_seal_made_after_the_key_was_compromised_fails(db, department):
    key = create_seal_key(department=department, valid_from=timezone.now() - timedelta(days=10))
    before = seal_payload(department=department, payload=PAYLOAD, at=timezone.now() - timedelta(days=5))
    after = seal_payload(department=department, payload=PAYLOAD, at=timezone.now() - timedelta(days=1))
    mark_key_compromised(key=key, since=timezone.now() - timedelta(days=2), reason="密钥介质丢失")
    assert verify_payload(payload=PAYLOAD, seal=before).ok is True
    assert verify_payload(payload=PAYLOAD, seal=after).code == "key-compromised"


def test_a_seal_dated_outside_the_key_validity_fails(db, department):
    create_seal_key(department=department, valid_from=timezone.now() - timedelta(days=1))
    seal = seal_payload(department=department, payload=PAYLOAD)
    backdated = {**seal, "signed_at": (timezone.now() - timedelta(days=30)).isoformat()}
    assert verify_payload(payload=PAYLOAD, seal=backdated).code == "key-not-valid-at-signing"


def test_a_malformed_seal_fails_without_raising(db, department):
    create_seal_key(department=department)
    seal = seal_payload(department=department, payload=PAYLOAD)
    assert verify_payload(payload=PAYLOAD, seal={**seal, "signature": "不是base64"}).code == "bad-signature"


def test_sealing_without_a_key_raises_a_chinese_domain_error(db, department):
    with pytest.raises(NoActiveKey, match="没有可用的签章密钥"):
        seal_payload(department=department, payload=PAYLOAD)


def test_a_compromised_key_no_longer_signs(db, department):
    key = create_seal_key(department=department)
    mark_key_compromised(key=key, since=timezone.now(), reason="泄露")
    with pytest.raises(NoActiveKey):
        seal_payload(department=department, payload=PAYLOAD)


def test_after_rotation_new_seals_use_the_new_key_and_old_seals_still_verify(db, department):
    old_key = create_seal_key(department=department, valid_from=timezone.now() - timedelta(days=3))
    old_seal = seal_payload(department=department, payload=PAYLOAD)
    new_key = rotate_seal_key(department=department, algorithm="sm2-sm3", reason="年度轮换")
    new_seal = seal_payload(department=department, payload=PAYLOAD)
    assert new_seal["key_id"] == new_key.key_id != old_key.key_id
    assert SealKey.objects.get(pk=old_key.pk).state == KeyState.RETIRED
    assert verify_payload(payload=PAYLOAD, seal=old_seal).ok is True
    assert verify_payload(payload=PAYLOAD, seal=new_seal).ok is True


def test_the_private_key_is_stored_encrypted_and_bound_to_its_key_id(db, department):
    key = create_seal_key(department=department)
    assert key.private_key_encrypted.startswith("v1:")
    assert len(decrypt_private_key(key.private_key_encrypted, key_id=key.key_id)) > 100
    with pytest.raises(InvalidTag):  # AES-GCM refuses the wrong associated data
        decrypt_private_key(key.private_key_encrypted, key_id="another-key")


def test_a_different_key_encryption_key_cannot_open_stored_keys(db, department, settings):
    key = create_seal_key(department=department)
    settings.SEAL_KEY_ENCRYPTION_KEY = "another-environment-secret"
    with pytest.raises(InvalidTag):
        decrypt_private_key(key.private_key_encrypted, key_id=key.key_id)
