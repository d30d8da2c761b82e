"""A small world for sharing tests: 张三 holds a driving licence issued in this node's region; a
handler of 城东区民政局 reads it under his consent. Field grades: name/vehicle_class/first_issue_date 2
(一般), citizen_id 3 (敏感), points 4 (高度敏感)."""

import uuid
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts.roles import APPLICANT, HANDLER
from catalogs.models import FaceField
from licenses.consent import AccessBasis, grant_consent
from licenses.models import AccessLogEntry, PartnerNode
from licenses.registry.authentication import hash_token
from tests.factories import DepartmentFactory, UserFactory, valid_citizen_id

from ..helpers import issue_person_license, issuer_with_key, person_license_type

PURPOSE = "办理婚姻登记：核对驾驶证信息"
NODE_TOKEN = "partner-token-for-tests-" + uuid.uuid4().hex


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Test users' passwords are never used to sign in here; PBKDF2 would dominate the setup time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    issuer = issuer_with_key()
    license_type = person_license_type(issuers=[issuer])
    FaceField.objects.filter(license_type=license_type, key="citizen_id").update(sensitivity=3)
    FaceField.objects.filter(license_type=license_type, key="points").update(sensitivity=4)
    holder_code = valid_citizen_id()
    holder = UserFactory(roles=[APPLICANT], holder_code=holder_code, holder_code_type="111", real_name="张三")
    version = issue_person_license(
        issuer=issuer, license_type=license_type, holder_code=holder_code, holder_name="张三"
    )
    grantee = DepartmentFactory(name="城东区民政局")
    handler = UserFactory(roles=[HANDLER], is_staff=True, department=grantee, real_name="马晓梅")
    return SimpleNamespace(
        issuer=issuer,
        license_type=license_type,
        type_code=license_type.code,
        holder=holder,
        holder_code=holder_code,
        version=version,
        identifier=version.identifier,
        grantee=grantee,
        handler=handler,
    )


def grant(
    world, *, fields=("name", "vehicle_class"), days=7, type_codes=None, max_sensitivity=2, holder=None
):
    return grant_consent(
        holder=holder or world.holder,
        grantee_department=world.grantee,
        type_codes=type_codes or [world.type_code],
        purpose=PURPOSE,
        requested_fields={world.type_code: list(fields)},
        max_sensitivity=max_sensitivity,
        expires_at=timezone.now() + timedelta(days=days),
    )


def basis(consent=None, *, legal_basis="", purpose=PURPOSE):
    return AccessBasis(
        purpose=purpose, consent=consent, legal_basis=legal_basis, case_reference="QH-2026-000001"
    )


def last_entry() -> AccessLogEntry:
    return AccessLogEntry.objects.order_by("-seq").first()


@pytest.fixture
def partner(db):
    return PartnerNode.objects.create(
        code="gs",
        name="甘肃省电子证照库",
        base_url="http://127.0.0.1:9/",
        region_codes=["620000"],
        inbound_token_hash=hash_token(NODE_TOKEN),
    )


def consent_terms(world, *, reference=None, fields=("name",), days=7) -> dict:
    now = timezone.now()
    return {
        "reference": str(reference or uuid.uuid4()),
        "holder_code": world.holder_code,
        "holder_code_type": "111",
        "grantee_name": "青海省城东区民政局",
        "purpose": PURPOSE,
        "fields": {world.type_code: list(fields)},
        "granted_at": now.isoformat(),
        "expires_at": (now + timedelta(days=days)).isoformat(),
    }


def node_headers() -> dict:
    return {"HTTP_AUTHORIZATION": f"Node gs {NODE_TOKEN}"}
