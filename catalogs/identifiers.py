"""Identifier checks for citizen IDs (GB 11643), USCCs (GB 32100) and region codes (GB/T 2260).

The checksums come from python-stdnum; this module only turns its exceptions into
Chinese messages and Django validators.
"""

import hmac
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from stdnum import exceptions as stdnum_errors
from stdnum import numdb
from stdnum.cn import ric, uscc

HOLDER_CODE_CITIZEN = "111"
HOLDER_CODE_USCC = "001"
HOLDER_CODE_TYPES = (HOLDER_CODE_CITIZEN, HOLDER_CODE_USCC)


@dataclass(frozen=True)
class CheckResult:
    value: str
    warnings: tuple[str, ...] = ()


def _reason(error: Exception, what: str) -> str:
    if isinstance(error, stdnum_errors.InvalidLength):
        return f"{what}长度应为18位"
    if isinstance(error, stdnum_errors.InvalidChecksum):
        return f"{what}校验码错误"
    return f"{what}格式错误"


NATIONAL_REGION = "100000"  # USCCs of central-level organisations


def known_region_code(code: str) -> bool:
    """Whether ``code`` is a county-level code of GB/T 2260 at any time since 1980 (python-stdnum's historical
    table, ``stdnum/cn/loc.dat``) — retired codes included, whatever years they were in use."""

    if len(code) != 6 or not code.isdigit():
        return False
    if code == NATIONAL_REGION:
        return True
    return any("county" in props for _part, props in numdb.get("cn/loc").info(code))


def _region_warnings(code: str, what: str) -> tuple[str, ...]:
    if known_region_code(code):
        return ()
    return (f"{what}中的地区码 {code} 不在历史行政区划代码表中，请核对",)


def check_uscc(value: str) -> CheckResult:
    """Validate a USCC; raise ValidationError with a Chinese reason; the region code (historical list) is a warning."""
    try:
        number = uscc.validate(value or "")
    except stdnum_errors.ValidationError as error:
        raise ValidationError(_reason(error, "统一社会信用代码"), code="uscc") from error
    return CheckResult(number, _region_warnings(number[2:8], "统一社会信用代码"))


def check_citizen_id(value: str) -> CheckResult:
    """Length, format, check character (MOD 11-2) and birth date are errors, each with its own message; the
    region is a warning against the historical list. Not the region *in the birth year*, as python-stdnum's
    ``ric.validate`` does: numbers keep the county code of first registration after the county is renamed or
    merged, and are often registered years after the birth, so such numbers are real and common."""

    number = ric.compact(value or "")
    if len(number) != 18:
        raise ValidationError("居民身份证号码长度应为18位", code="citizen_id")
    if not number[:17].isdigit() or number[17] not in "0123456789X":
        raise ValidationError("居民身份证号码格式错误：前17位应为数字，最后一位为数字或X", code="citizen_id")
    if number[17] != ric.calc_check_digit(number):
        raise ValidationError("居民身份证号码校验码错误", code="citizen_id")
    try:
        born = ric.get_birth_date(number)
    except stdnum_errors.ValidationError as error:
        raise ValidationError(f"居民身份证号码中的出生日期 {number[6:14]} 无效", code="citizen_id") from error
    if born > date.today() or born.year < 1900:
        raise ValidationError(f"居民身份证号码中的出生日期 {number[6:14]} 不可能", code="citizen_id")
    return CheckResult(number, _region_warnings(number[:6], "居民身份证号码"))


def looks_like_citizen_id(value: str) -> bool:
    """17 digits, a check character, and a real birth date — whether or not the check character is right."""
    value = (value or "").strip().upper()
    if len(value) != 18 or not value[:17].isdigit() or value[17] not in "0123456789X":
        return False
    try:
        ric.get_birth_date(value)
    except stdnum_errors.ValidationError:
        return False
    return True


def check_holder_code(value: str, code_type: str) -> CheckResult:
    if code_type == HOLDER_CODE_CITIZEN:
        return check_citizen_id(value)
    if code_type == HOLDER_CODE_USCC:
        return check_uscc(value)
    raise ValidationError(f"未知的持证主体代码类型：{code_type}", code="holder_code_type")


def guess_holder_code_type(value: str) -> str:
    """111 for a citizen ID, 001 for a USCC; raises ValidationError when it is neither."""
    for code_type in (HOLDER_CODE_CITIZEN, HOLDER_CODE_USCC):
        try:
            check_holder_code(value, code_type)
            return code_type
        except ValidationError:
            continue
    raise ValidationError("既不是有效的居民身份证号码，也不是有效的统一社会信用代码", code="holder_code")


def validate_uscc(value: str) -> None:
    check_uscc(value)


def validate_region_code(value: str) -> None:
    if len(value or "") != 6 or not value.isdigit():
        raise ValidationError("行政区划代码应为6位数字", code="region_code")


def codes_match(expected: str, given: str | None) -> bool:
    """Constant-time comparison of a secret code (verification code, check code) with what a visitor typed.

    Compares UTF-8 bytes: ``hmac.compare_digest`` raises TypeError on a ``str`` with non-ASCII characters."""

    given = (given or "").strip().upper()
    return bool(expected and given) and hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def mask_code(value: str) -> str:
    """630102********1234 style: keep the first 6 and last 4 characters."""
    if not value:
        return ""
    if len(value) <= 10:
        return value[:2] + "*" * max(len(value) - 2, 0)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_name(value: str) -> str:
    """张*三 style: keep the first and the last character."""
    if not value:
        return ""
    if len(value) == 1:
        return "*"
    if len(value) == 2:
        return value[0] + "*"
    return value[0] + "*" * (len(value) - 2) + value[-1]
