"""Citizen IDs: a wrong check character or an impossible birth date is an error, each with its own message;
the region is checked against the full historical list of county codes (GB/T 2260 since 1980) and an unknown
one is only a warning — numbers keep a county code after it was retired, and people get their number long
after their birth year. USCCs use the same historical list for their region."""

import pytest
from django.core.exceptions import ValidationError
from stdnum.cn import ric, uscc

from catalogs.identifiers import check_citizen_id, check_uscc


def citizen_id(region: str, birth: str, serial: str = "123") -> str:
    body = region + birth + serial
    return body + ric.calc_check_digit(body + "0")


def uscc_with_region(region: str) -> str:
    body = "91" + region + "MA0000001"
    return body + uscc.calc_check_digit(body)


def test_a_number_with_a_county_code_retired_before_the_birth_year_is_accepted_without_warning():
    # 110103 崇文区 was merged into 东城区 in 2010; numbers first registered there keep the code
    result = check_citizen_id(citizen_id("110103", "20150301"))
    assert result.warnings == ()


def test_a_number_from_a_county_created_after_the_birth_year_is_accepted():
    # 630106 湟中区 (2019): a person born in 1985 and registered there later
    assert check_citizen_id(citizen_id("630106", "19850101")).warnings == ()


def test_an_unknown_region_is_a_warning_not_an_error():
    result = check_citizen_id(citizen_id("639999", "19850101"))
    assert len(result.warnings) == 1 and "639999" in result.warnings[0] and "地区码" in result.warnings[0]


def test_a_wrong_check_character_is_an_error_naming_the_check_character():
    number = citizen_id("630102", "19850101")
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    with pytest.raises(ValidationError, match="校验码错误"):
        check_citizen_id(wrong)


def test_an_impossible_birth_date_is_an_error_naming_the_date_only():
    with pytest.raises(ValidationError) as caught:
        check_citizen_id(citizen_id("630102", "19850230"))
    assert "出生日期" in caught.value.messages[0] and "地区码" not in caught.value.messages[0]


def test_a_birth_date_in_the_future_is_an_error():
    with pytest.raises(ValidationError, match="出生日期"):
        check_citizen_id(citizen_id("630102", "20991231"))


def test_a_uscc_with_a_known_region_has_no_warning_and_an_unknown_region_warns():
    assert check_uscc(uscc_with_region("630102")).warnings == ()
    assert check_uscc(uscc_with_region("110103")).warnings == ()  # retired 2010, still a real code
    warned = check_uscc(uscc_with_region("639999")).warnings
    assert len(warned) == 1 and "639999" in warned[0]
