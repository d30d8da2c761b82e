"""Issuing a license: GB/T 36904 identifier, typed face fields, seal, history."""

from datetime import date

import pytest
from stdnum.iso7064 import mod_37_36

from licenses.errors import InvalidLicenseData, NoActiveKey, NotIssuerOfLicense
from licenses.models import LicenseStatus, StatusAction
from licenses.sealing import verify_payload
from tests.factories import DepartmentFactory, UserFactory, valid_citizen_id

from .helpers import (
    enterprise_license_type,
    issue_person_license,
    issuer_with_key,
    person_license_type,
    valid_uscc,
)


def test_an_issued_license_has_a_gbt_36904_identifier_with_a_mod_37_36_check_character(db):
    version = issue_person_license()
    lic = version.license
    prefix, check = version.identifier.rsplit(".", 1)
    assert prefix == f"1.2.156.3005.2.{lic.license_type.code}.{lic.issuer.uscc}.{lic.serial}.001"
    assert check == mod_37_36.calc_check_digit(f"{lic.license_type.code}{lic.issuer.uscc}{lic.serial}001")


def test_serials_count_up_per_type_and_issuer(db):
    issuer = issuer_with_key()
    license_type = person_license_type(issuers=[issuer])
    first = issue_person_license(issuer=issuer, license_type=license_type)
    second = issue_person_license(issuer=issuer, license_type=license_type)
    assert (first.license.serial, second.license.serial) == ("00000001", "00000002")


def test_an_issued_license_is_sealed_over_its_metadata_and_face(db):
    version = issue_person_license()
    assert verify_payload(payload=version.payload(), seal=version.seal()).ok is True
    assert version.payload()["face"]["vehicle_class"] == "C1"


def test_face_values_are_normalised_to_their_types(db):
    version = issue_person_license(
        face={"vehicle_class": "A1", "first_issue_date": "2010-02-03", "points": "12"}
    )
    assert version.face["points"] == 12 and version.face["first_issue_date"] == "2010-02-03"


def test_the_holder_name_and_code_are_copied_onto_the_face(db):
    code = valid_citizen_id()
    version = issue_person_license(holder_code=code, holder_name="李四")
    assert (version.face["name"], version.face["citizen_id"]) == ("李四", code)


def test_issuing_records_who_when_and_why(db):
    issuer = issuer_with_key()
    clerk = UserFactory(department=issuer)
    version = issue_person_license(issuer=issuer, actor=clerk, reason="窗口办结同步制发")
    entry = version.license.history.get()
    assert (entry.action, entry.to_status, entry.actor, entry.reason) == (
        StatusAction.ISSUED,
        LicenseStatus.VALID,
        clerk,
        "窗口办结同步制发",
    )


def test_a_face_value_outside_the_choices_is_refused_with_the_field_named(db):
    with pytest.raises(InvalidLicenseData) as caught:
        issue_person_license(face={**{"vehicle_class": "Z9"}, "first_issue_date": "2015-06-01", "points": 0})
    assert caught.value.params == [{"name": "face.vehicle_class", "reason": "准驾车型：应为以下之一：A1、C1"}]


def test_an_unknown_face_field_is_refused(db):
    with pytest.raises(InvalidLicenseData, match="没有照面字段 blood_type"):
        issue_person_license(
            face={"vehicle_class": "C1", "first_issue_date": "2015-06-01", "points": 0, "blood_type": "A"}
        )


def test_a_citizen_id_with_a_wrong_check_digit_is_refused(db):
    good = valid_citizen_id()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(InvalidLicenseData, match="居民身份证号码校验码错误"):
        issue_person_license(holder_code=bad)


def test_a_person_license_cannot_be_issued_to_an_enterprise_code(db):
    with pytest.raises(InvalidLicenseData, match="持证主体代码类型与证照类型不符"):
        issue_person_license(holder_code=valid_uscc("91630100"))


def test_an_enterprise_license_takes_a_uscc_and_a_decimal_face_field(db):
    issuer = issuer_with_key("sm2-sm3")
    from licenses.services import issue_license

    version = issue_license(
        license_type=enterprise_license_type(issuers=[issuer]),
        issuer=issuer,
        holder_code=valid_uscc("91630100"),
        holder_name="青海测试有限公司",
        face={"capital": "100.50"},
    )
    assert (version.license.holder_code_type, version.face["capital"], version.seal_algorithm) == (
        "001",
        "100.5",
        "sm2-sm3",
    )


def test_a_department_not_listed_as_issuer_of_the_type_cannot_issue_it(db):
    listed, other = issuer_with_key(), issuer_with_key()
    with pytest.raises(InvalidLicenseData, match="无权制发"):
        issue_person_license(issuer=other, license_type=person_license_type(issuers=[listed]))


def test_staff_of_another_department_cannot_issue(db):
    issuer = issuer_with_key()
    with pytest.raises(NotIssuerOfLicense):
        issue_person_license(issuer=issuer, actor=UserFactory(department=DepartmentFactory()))


def test_issuing_without_a_seal_key_is_refused(db):
    issuer = DepartmentFactory()
    with pytest.raises(NoActiveKey):
        issue_person_license(issuer=issuer, license_type=person_license_type(issuers=[issuer]))


def test_a_type_with_a_default_validity_gets_an_end_date(db):
    issuer = issuer_with_key()
    version = issue_person_license(
        issuer=issuer,
        license_type=person_license_type(issuers=[issuer], validity_years=6),
        valid_from=date(2026, 1, 5),
    )
    assert version.valid_until == date(2032, 1, 4)


def test_a_type_without_a_default_validity_is_long_term(db):
    version = issue_person_license()
    assert version.valid_until is None and version.is_long_term


def test_each_version_gets_its_own_random_verification_code(db):
    first, second = issue_person_license(), issue_person_license()
    assert len(first.verification_code) == 10 and first.verification_code != second.verification_code


def test_a_damaged_citizen_id_that_happens_to_pass_the_uscc_checksum_is_still_a_bad_citizen_id(db):
    from stdnum.cn import ric, uscc

    # a damaged ID whose 18 digits form a valid USCC: before the fix this was reported as a kind mismatch

    bodies = (f"630102198501{day:02d}{serial:03d}" for day in range(1, 29) for serial in range(1000))
    bad = next(
        body + uscc.calc_check_digit(body)
        for body in bodies
        if uscc.calc_check_digit(body).isdigit()
        and uscc.calc_check_digit(body) != ric.calc_check_digit(body + "0")
    )
    assert uscc.is_valid(bad) and not ric.is_valid(bad)
    with pytest.raises(InvalidLicenseData, match="居民身份证号码校验码错误"):
        issue_person_license(holder_code=bad)
