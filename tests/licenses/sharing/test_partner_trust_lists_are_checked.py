"""A partner's trust list is imported only after checks, and what the partner sends is verified
against it: a changed byte, a key from outside the list, or a stale answer is rejected."""

from datetime import timedelta

import pytest
from django.utils import timezone

from licenses.errors import PartnerError
from licenses.gateway.disclosure import disclosure
from licenses.gateway.trust import import_trust_list, trust_list_fingerprint, verify_disclosure
from licenses.models import PartnerKey, PartnerNode, SealKey
from licenses.sealing import create_seal_key
from licenses.selectors import trust_list
from tests.factories import DepartmentFactory, RegionFactory, valid_uscc


@pytest.fixture
def gansu_list(db):
    """The trust list a 620000 node would publish (made here, then its private keys forgotten)."""
    department = DepartmentFactory(
        uscc=valid_uscc("11620000"), region=RegionFactory(code="620000", name="甘肃省")
    )
    create_seal_key(department=department)
    document = trust_list()
    document["keys"] = [k for k in document["keys"] if k["issuer_uscc"] == department.uscc]
    SealKey.objects.filter(department=department).delete()
    return document


@pytest.fixture
def gansu(db):
    return PartnerNode.objects.create(
        code="gs", name="甘肃省电子证照库", base_url="http://127.0.0.1:9/", region_codes=["620000"]
    )


def test_a_good_list_with_the_agreed_fingerprint_is_imported(gansu, gansu_list):
    keys = import_trust_list(
        node=gansu, document=gansu_list, expect_sha256=trust_list_fingerprint(gansu_list)
    )
    gansu.refresh_from_db()
    assert [k.key_id for k in keys] == [gansu_list["keys"][0]["key_id"]]
    assert gansu.trust_list_sha256 == trust_list_fingerprint(gansu_list)


def test_a_list_that_differs_from_the_agreed_fingerprint_is_refused(gansu, gansu_list):
    with pytest.raises(PartnerError, match="摘要"):
        import_trust_list(node=gansu, document=gansu_list, expect_sha256="0" * 64)
    assert PartnerKey.objects.count() == 0


def test_a_node_cannot_vouch_for_a_department_outside_its_regions(gansu, gansu_list):
    gansu.region_codes = ["510000"]
    with pytest.raises(PartnerError, match="不在该节点服务的区划内"):
        import_trust_list(node=gansu, document=gansu_list)


def test_an_unparsable_public_key_is_refused(gansu, gansu_list):
    gansu_list["keys"][0]["public_key"] = "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----"
    with pytest.raises(PartnerError, match="公钥无法解析"):
        import_trust_list(node=gansu, document=gansu_list)


def test_a_key_id_that_collides_with_our_own_keys_is_refused(gansu, gansu_list):
    own = create_seal_key(department=DepartmentFactory())
    gansu_list["keys"][0]["key_id"] = own.key_id
    with pytest.raises(PartnerError, match="冲突"):
        import_trust_list(node=gansu, document=gansu_list)


def test_an_empty_list_is_refused(gansu):
    with pytest.raises(PartnerError, match="不含任何密钥"):
        import_trust_list(node=gansu, document={"keys": []})


def _partner_trusting(world) -> PartnerNode:
    """A node whose imported list holds this registry's issuer key (as the remote side would)."""
    node = PartnerNode.objects.create(
        code="peer", name="对端", base_url="http://127.0.0.1:9/", region_codes=["630000"]
    )
    key = world.version.seal_key
    PartnerKey.objects.create(
        node=node,
        key_id=key.key_id,
        issuer_uscc=world.issuer.uscc,
        issuer_name=world.issuer.name,
        algorithm=key.algorithm,
        public_key=key.public_key,
        valid_from=key.valid_from,
    )
    return node


def test_an_untouched_disclosure_verifies(world):
    answer = disclosure(
        version=world.version, fields=["name"], consent_reference="r", verification_result="valid"
    )
    assert verify_disclosure(
        node=_partner_trusting(world), document=answer["document"], seal=answer["seal"]
    ).ok


def test_a_changed_field_fails_verification(world):
    answer = disclosure(
        version=world.version, fields=["name"], consent_reference="r", verification_result="valid"
    )
    answer["document"]["face"]["name"] = "李四"
    check = verify_disclosure(node=_partner_trusting(world), document=answer["document"], seal=answer["seal"])
    assert not check.ok and check.code == "bad-signature"


def test_a_seal_by_a_key_outside_the_imported_list_fails(world):
    answer = disclosure(
        version=world.version, fields=["name"], consent_reference="r", verification_result="valid"
    )
    node = PartnerNode.objects.create(
        code="empty", name="未导入", base_url="http://127.0.0.1:9/", region_codes=["630000"]
    )
    assert (
        verify_disclosure(node=node, document=answer["document"], seal=answer["seal"]).code == "unknown-key"
    )


def test_an_old_answer_replayed_later_fails(world):
    answer = disclosure(
        version=world.version, fields=["name"], consent_reference="r", verification_result="valid"
    )
    check = verify_disclosure(
        node=_partner_trusting(world),
        document=answer["document"],
        seal=answer["seal"],
        now=timezone.now() + timedelta(hours=1),
    )
    assert not check.ok and check.code == "stale"
