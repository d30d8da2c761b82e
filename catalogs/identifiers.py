"""Identifier checks for citizen IDs (GB 11643), USCCs (GB 32100) and region codes (GB/T 2260).

The checksums come from python-stdnum; this module only turns its exceptions into
Chinese messages and Django validators.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc

HOLDER_CODE_CITIZEN = "111"
HOLDER_CODE_USCC = "001"


@dataclass(frozen=True)
class CheckResult:
    value: str
    warnings: tuple[str, ...] = ()


def _reason(error: Exception, what: str) -> str:
    if isinstance(error, stdnum_errors.InvalidLength):
        return f"{what}长度应为18位"
    if isinstance(error, stdnum_errors.InvalidChecksum):
        return f"{what}校验码错误"
    if isinstance(error, stdnum_errors.InvalidComponent):
        return f"{what}出生日期或地区码无效"
    return f"{what}格式错误"


def check_uscc(value: str) -> CheckResult:
    """Validate a USCC; raise ValidationError with a Chinese reason; region code is a warning."""
    try:
        number = uscc.validate(value or "")
    except stdnum_errors.ValidationError as error:
        raise ValidationError(_reason(error, "统一社会信用代码"), code="uscc") from error
    warnings = ()
    if not number[2:8].isdigit() or number[2:4] == "00":
        warnings = (f"统一社会信用代码中的行政区划码 {number[2:8]} 未知",)
    return CheckResult(number, warnings)


def check_citizen_id(value: str) -> CheckResult:
    try:
        number = ric.validate(value or "")
    except stdnum_errors.ValidationError as error:
        raise ValidationError(_reason(error, "居民身份证号码"), code="citizen_id") from error
    return CheckResult(number)


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
    import hmac

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
