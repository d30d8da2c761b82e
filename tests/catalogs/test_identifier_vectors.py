import pytest
from django.core.exceptions import ValidationError

from catalogs.identifiers import check_citizen_id, check_uscc, guess_holder_code_type, mask_code, mask_name
from catalogs.models.license_types import validate_license_type_code


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91630100010000001J"])
def test_valid_uscc_is_accepted(code):
    assert check_uscc(code).value == code


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91350200M000000510", "统一社会信用代码校验码错误"),
        ("91350100M000100Y4", "统一社会信用代码长度应为18位"),
        ("91350100M0001I0Y43", "统一社会信用代码格式错误"),
    ],
)
def test_invalid_uscc_is_rejected_with_a_chinese_reason(code, reason):
    with pytest.raises(ValidationError) as error:
        check_uscc(code)
    assert error.value.messages == [reason]


def test_uscc_with_unknown_region_is_a_warning_not_an_error():
    from stdnum.cn import uscc

    body = "91009999M00010012"
    result = check_uscc(body + uscc.calc_check_digit(body))
    assert result.warnings and "009999" in result.warnings[0]


def test_citizen_id_check_character_is_enforced():
    assert check_citizen_id("11010519491231002X").value == "11010519491231002X"
    with pytest.raises(ValidationError, match="校验码错误"):
        check_citizen_id("110105194912310021")


def test_holder_code_type_is_recognised():
    assert guess_holder_code_type("11010519491231002X") == "111"
    assert guess_holder_code_type("91350100M000100Y43") == "001"
    with pytest.raises(ValidationError):
        guess_holder_code_type("123")


def test_license_type_code_is_definer_uscc_plus_sequence():
    validate_license_type_code("91350100M000100Y43001")
    with pytest.raises(ValidationError, match="校验码错误"):
        validate_license_type_code("91350200M000000510001")
    with pytest.raises(ValidationError, match="3位顺序号"):
        validate_license_type_code("91350100M000100Y43")


def test_identifiers_are_masked_for_lists():
    assert mask_code("630102199001011235") == "630102********1235"
    assert mask_name("张小三") == "张*三"
    assert mask_name("张三") == "张*"
