"""Test data for the license registry: a license type with a typed face schema, an issuer with a key."""

from datetime import date

from catalogs.models import FaceField
from licenses.sealing import create_seal_key
from licenses.services import issue_license
from tests.factories import DepartmentFactory, LicenseTypeFactory, valid_citizen_id, valid_uscc


def person_license_type(*, issuers=(), validity_years=None, name="测试驾驶证"):
    license_type = LicenseTypeFactory(name=name, holder_kind="person", default_validity_years=validity_years)
    for position, (key, label, kind, choices) in enumerate(
        [
            ("name", "姓名", "text", []),
            ("citizen_id", "公民身份号码", "citizen_id", []),
            ("vehicle_class", "准驾车型", "choice", ["A1", "C1"]),
            ("first_issue_date", "初次领证日期", "date", []),
            ("points", "记分", "int", []),
        ]
    ):
        FaceField.objects.create(
            license_type=license_type,
            key=key,
            label=label,
            field_type=kind,
            choices=choices,
            position=position,
        )
    license_type.issuing_departments.set(issuers)
    return license_type


def enterprise_license_type(*, issuers=()):
    license_type = LicenseTypeFactory(name="测试营业执照", holder_kind="enterprise")
    FaceField.objects.create(
        license_type=license_type, key="name", label="单位名称", field_type="text", position=0
    )
    FaceField.objects.create(
        license_type=license_type, key="uscc", label="统一社会信用代码", field_type="uscc", position=1
    )
    FaceField.objects.create(
        license_type=license_type, key="capital", label="注册资本", field_type="decimal", position=2
    )
    license_type.issuing_departments.set(issuers)
    return license_type


def issuer_with_key(algorithm="ecdsa-p256-sha256", **key_options):
    department = DepartmentFactory()
    create_seal_key(department=department, algorithm=algorithm, **key_options)
    return department


FACE = {"vehicle_class": "C1", "first_issue_date": "2015-06-01", "points": "0"}


def issue_person_license(
    *, issuer=None, license_type=None, holder_code=None, holder_name="张三", face=None, **metadata
):
    issuer = issuer or issuer_with_key()
    license_type = license_type or person_license_type(issuers=[issuer])
    return issue_license(
        license_type=license_type,
        issuer=issuer,
        holder_code=holder_code or valid_citizen_id(),
        holder_name=holder_name,
        face=FACE if face is None else face,
        issue_date=metadata.pop("issue_date", date(2026, 1, 5)),
        **metadata,
    )


__all__ = [
    "FACE",
    "enterprise_license_type",
    "issue_person_license",
    "issuer_with_key",
    "person_license_type",
    "valid_uscc",
]
