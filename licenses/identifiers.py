"""GB/T 36904-style e-license identifiers.

``1.2.156.3005.2.{type code}.{issuer USCC}.{serial}.{version:03}.{check}`` where the check
character is ISO 7064 MOD 37,36 over type + issuer + serial + version (python-stdnum).
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_noop
from stdnum import exceptions as stdnum_errors
from stdnum.iso7064 import mod_37_36

OID_PREFIX = "1.2.156.3005.2"
SERIAL_RE = re.compile(r"^[0-9A-Z]{1,20}$")
_PARTS = 10  # 5 for the prefix, then type, issuer, serial, version, check


@dataclass(frozen=True)
class ParsedIdentifier:
    type_code: str
    issuer_uscc: str
    serial: str
    version: int
    check: str


def _check_body(type_code: str, issuer_uscc: str, serial: str, version: int) -> str:
    return f"{type_code}{issuer_uscc}{serial}{version:03d}"


def build_identifier(*, type_code: str, issuer_uscc: str, serial: str, version: int) -> str:
    if not SERIAL_RE.match(serial):
        raise ValueError("serial must be 1-20 digits or capital letters")
    if not 1 <= version <= 999:
        raise ValueError("version must be 1..999")
    body = _check_body(type_code, issuer_uscc, serial, version)
    check = mod_37_36.calc_check_digit(body)
    return f"{OID_PREFIX}.{type_code}.{issuer_uscc}.{serial}.{version:03d}.{check}"


def parse_identifier(identifier: str) -> ParsedIdentifier:
    """Split an identifier into its parts; ValueError (Chinese message) when malformed."""
    value = (identifier or "").strip()
    if not value.startswith(OID_PREFIX + "."):
        raise ValueError(gettext_noop("证照标识应以 1.2.156.3005.2 开头"))
    parts = value.split(".")
    if len(parts) != _PARTS:
        raise ValueError(gettext_noop("证照标识的段数不正确"))
    type_code, issuer, serial, version, check = parts[5:]
    if len(type_code) != 21 or len(issuer) != 18 or not SERIAL_RE.match(serial):
        raise ValueError(gettext_noop("证照标识中的类型代码、发证机构代码或顺序号格式错误"))
    if len(version) != 3 or not version.isdigit() or len(check) != 1:
        raise ValueError(gettext_noop("证照标识中的版本号或校验位格式错误"))
    return ParsedIdentifier(type_code, issuer, serial, int(version), check)


def check_character_ok(parsed: ParsedIdentifier) -> bool:
    body = _check_body(parsed.type_code, parsed.issuer_uscc, parsed.serial, parsed.version)
    try:
        mod_37_36.validate(body + parsed.check)
    except stdnum_errors.ValidationError:
        return False
    return True
