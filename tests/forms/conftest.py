import pytest

from forms.prefill.evidence import ApplicantData, LicenseEvidence
from forms.services.schemas import define_schema
from tests.factories import FaceFieldFactory, LicenseTypeFactory, ServiceItemFactory, valid_citizen_id


@pytest.fixture
def id_type(db):
    license_type = LicenseTypeFactory(name="居民身份证")
    for position, (key, label, kind) in enumerate(
        [
            ("name", "姓名", "text"),
            ("sex", "性别", "text"),
            ("birth_date", "出生日期", "date"),
            ("address", "住址", "text"),
        ]
    ):
        FaceFieldFactory(license_type=license_type, key=key, label=label, field_type=kind, position=position)
    return license_type


@pytest.fixture
def hukou_type(db):
    license_type = LicenseTypeFactory(name="户口簿")
    FaceFieldFactory(license_type=license_type, key="address", label="住址")
    return license_type


@pytest.fixture
def schema(id_type, hukou_type):
    item = ServiceItemFactory(name="内地居民婚姻登记")
    return define_schema(
        service_item=item,
        fields=[
            {"key": "applicant_name", "label": "姓名", "prefill_source": f"license:{id_type.code}.name"},
            {
                "key": "sex",
                "label": "性别",
                "kind": "choice",
                "choices": ["男", "女"],
                "prefill_source": f"license:{id_type.code}.sex",
            },
            {
                "key": "birth_date",
                "label": "出生日期",
                "kind": "date",
                "prefill_source": f"license:{id_type.code}.birth_date",
            },
            {
                "key": "address",
                "label": "住址",
                "prefill_source": f"license:{hukou_type.code}.address",
                "editable_when_prefilled": True,
            },
            {
                "key": "id_number",
                "label": "公民身份号码",
                "kind": "citizen_id",
                "prefill_source": "applicant.holder_code",
            },
            {"key": "phone", "label": "手机号码", "kind": "phone", "required": False},
            {"key": "partner_name", "label": "对方姓名", "max_length": 20},
        ],
    )


@pytest.fixture
def applicant():
    return ApplicantData(real_name="张三", holder_code=valid_citizen_id(), holder_code_type="111")


@pytest.fixture
def verified_id(id_type):
    return LicenseEvidence(
        type_code=id_type.code,
        identifier="1.2.156.3005.2.ID.0001",
        verified=True,
        face={"name": "张三", "sex": "男", "birth_date": "1985-01-01", "address": "西宁市城东区八一路1号"},
        report={"result": "valid", "checks": [{"name": "seal", "ok": True, "message": "签章有效"}]},
    )


@pytest.fixture
def revoked_hukou(hukou_type):
    return LicenseEvidence(
        type_code=hukou_type.code,
        identifier="1.2.156.3005.2.HK.0001",
        verified=False,
        face={"address": "西宁市城西区五四大街9号"},
        report={
            "result": "revoked",
            "checks": [
                {"name": "seal", "ok": True, "message": "签章有效"},
                {"name": "status", "ok": False, "message": "证照已吊销"},
            ],
        },
    )


@pytest.fixture
def verified_hukou(hukou_type):
    return LicenseEvidence(
        type_code=hukou_type.code,
        identifier="1.2.156.3005.2.HK.0002",
        verified=True,
        face={"address": "西宁市城西区五四大街9号"},
        report={"result": "valid", "checks": []},
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Users are created in many tests here; PBKDF2 at full strength only slows them down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
