"""The fast path of verify_license (licenses.prepared, licenses.canonical) gives what the slow path gave.

- a prepared query returns the same instances, with the same related objects, as the queryset it was built from;
- the canonical JSON fast path gives the exact bytes of the rfc8785 package, and falls back to it otherwise.
"""

import random

import pytest
import rfc8785
from django.db.models import Model

from licenses.canonical import canonical_bytes
from licenses.models import LicenseVersion, StatusChange
from licenses.prepared import PreparedQuery
from licenses.services import suspend_license

from .helpers import issue_person_license, issuer_with_key


def fields_of(obj: Model) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_a_prepared_query_gives_the_same_instances_and_related_objects_as_the_orm(db):
    issuer = issuer_with_key()
    versions = [issue_person_license(issuer=issuer) for _ in range(3)]
    suspend_license(license=versions[1].license, reason="测试暂扣", actor=None)
    by_identifier = PreparedQuery(
        lambda v: LicenseVersion.objects.select_related(
            "license__license_type", "license__issuer", "seal_key"
        ).filter(identifier=v),
        marker="\x00marker",
    )
    for version in versions:
        ours = by_identifier.first(version.identifier)
        orm = LicenseVersion.objects.select_related(
            "license__license_type", "license__issuer", "seal_key"
        ).get(identifier=version.identifier)
        assert fields_of(ours) == fields_of(orm)
        for related in (ours.license, ours.license.license_type, ours.license.issuer, ours.seal_key):
            assert related._state.db == "default" and not related._state.adding
        assert fields_of(ours.license) == fields_of(orm.license)
        assert fields_of(ours.license.issuer) == fields_of(orm.license.issuer)
        assert fields_of(ours.license.license_type) == fields_of(orm.license.license_type)
        assert fields_of(ours.seal_key) == fields_of(orm.seal_key)
        assert ours.sealed_at == orm.sealed_at and ours.sealed_at.tzinfo is not None
    assert by_identifier.first("1.2.156.unknown") is None

    history = PreparedQuery(
        lambda pk: (
            StatusChange.objects.filter(license_id=pk)
            .select_related("version", "seal_key")
            .order_by("seq", "id")
        ),
        marker=-1,
    )
    lic = versions[1].license
    ours = history.all(lic.pk)
    orm = list(
        StatusChange.objects.filter(license=lic).select_related("version", "seal_key").order_by("seq", "id")
    )
    assert len(ours) == 2
    assert [fields_of(c) for c in ours] == [fields_of(c) for c in orm]
    assert [fields_of(c.version) if c.version else None for c in ours] == [
        fields_of(c.version) if c.version else None for c in orm
    ]


def test_a_prepared_query_refuses_querysets_it_cannot_rebuild_faithfully(db):
    with pytest.raises(ValueError):
        PreparedQuery(lambda v: LicenseVersion.objects.filter(identifier=v).values("id"), marker="\x00m").all(
            "x"
        )
    with pytest.raises(ValueError):
        PreparedQuery(lambda v: LicenseVersion.objects.filter(identifier="fixed"), marker="\x00m").all("x")


ALPHABET = [
    "a",
    "Z",
    "0",
    "张",
    "证",
    '"',
    "\\",
    "\n",
    "\t",
    "\x01",
    "\x1f",
    "\x7f",
    "é",
    "\u2028",
    "😀",
    "\ue000",
    " ",
]


def random_value(rng: random.Random, depth: int = 0):
    kind = rng.randrange(8 if depth < 3 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 7, 2**53 - 1, -(2**53 - 1), 2**53, 10**20, rng.randrange(-(10**6), 10**6)])
    if kind == 3:
        return rng.choice([0.5, 1.0, -2.25, 1e21, 3.0e-7])  # floats: must go to rfc8785
    if kind == 4:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(6)))
    if kind == 5:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {
        "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 4))): random_value(rng, depth + 1)
        for _ in range(rng.randrange(5))
    }


def test_the_canonical_json_fast_path_gives_rfc8785s_exact_bytes():
    rng = random.Random(8785)
    fast = 0
    for _ in range(3000):
        value = {"k": random_value(rng)} if rng.random() < 0.5 else random_value(rng)
        try:
            expected = rfc8785.dumps(value)
        except Exception as error:  # what rfc8785 refuses is still refused, with its own error
            with pytest.raises(type(error)):
                canonical_bytes(value)
            continue
        assert canonical_bytes(value) == expected, value
        fast += 1
    assert fast > 1500
    # keys outside the BMP sort by UTF-16 code units in JCS, not by code point
    value = {"\U0001f600": 1, "\ue000": 2}
    assert canonical_bytes(value) == rfc8785.dumps(value) == '{"😀":1,"\ue000":2}'.encode()


def test_the_kept_sql_uses_named_placeholders_and_keeps_literal_percent_signs():
    from licenses.prepared import _named

    assert _named("SELECT \"a\" FROM t WHERE x = %s AND y LIKE '%%z' AND w IN (%s, %s)") == (
        "SELECT \"a\" FROM t WHERE x = %(p0)s AND y LIKE '%%z' AND w IN (%(p1)s, %(p2)s)"
    )


def test_a_prepared_query_with_deferred_columns_reads_the_rest_like_the_orm(db, django_assert_num_queries):
    """verify_license leaves out columns nobody reads, the seal key's encrypted private key first of all."""
    from licenses.verification import _VERSION_BY_IDENTIFIER

    version = issue_person_license(issuer=issuer_with_key())
    with django_assert_num_queries(1):
        ours = _VERSION_BY_IDENTIFIER.first(version.identifier)
    assert "private_key_encrypted" in ours.seal_key.get_deferred_fields()
    orm = LicenseVersion.objects.select_related("license__license_type", "license__issuer", "seal_key").get(
        pk=version.pk
    )
    assert fields_of(ours) == fields_of(orm)
    for ours_obj, orm_obj in (
        (ours.license, orm.license),
        (ours.license.license_type, orm.license.license_type),
        (ours.license.issuer, orm.license.issuer),
        (ours.seal_key, orm.seal_key),
    ):
        read = {f.attname for f in ours_obj._meta.concrete_fields} - ours_obj.get_deferred_fields()
        assert {name: getattr(ours_obj, name) for name in read} == {
            name: getattr(orm_obj, name) for name in read
        }
