"""Validated license data before it is sealed (shared by issue, update and bulk import)."""

import secrets
from dataclasses import dataclass, field, replace
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from catalogs.identifiers import (
    HOLDER_CODE_CITIZEN,
    HOLDER_CODE_USCC,
    check_holder_code,
    looks_like_citizen_id,
)
from catalogs.models import Department, HolderKind, LicenseType
from licenses.errors import InvalidLicenseData
from licenses.face import validate_face

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud and typed from paper
CODE_LENGTH = 10

HOLDER_KIND_MISMATCH = (
    "持证主体代码类型与证照类型不符（自然人证照须为居民身份证号码，法人证照须为统一社会信用代码）"
)


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass
class LicenseDraft:
    license_type: LicenseType
    issuer: Department
    holder_code: str
    holder_code_type: str
    holder_name: str
    face: dict
    issue_date: date
    valid_from: date
    valid_until: date | None
    area_code: str
    number: str = ""
    source_status_code: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    def with_changes(self, **changes) -> "LicenseDraft":
        return replace(self, **changes)


def prepare_draft(
    *,
    license_type: LicenseType,
    issuer: Department,
    holder_code: str,
    holder_name: str,
    face: dict | None = None,
    holder_code_type: str = "",
    number: str = "",
    issue_date: date | None = None,
    valid_from: date | None = None,
    valid_until: date | None = None,
    long_term: bool = False,
    area_code: str = "",
    source_status_code: str = "",
    face_fields=None,
    issuer_type_ids: set[int] | None = None,
) -> LicenseDraft:
    """Validate everything a license needs; errors are collected (keyed by field) not raised."""
    errors: dict[str, str] = {}
    today = timezone.localdate()
    holder_code = (holder_code or "").strip().upper()
    holder_name = (holder_name or "").strip()
    if license_type.is_retired:
        errors["license_type"] = f"证照类型“{license_type.name}”已停用"
    allowed = (
        issuer_type_ids
        if issuer_type_ids is not None
        else set(license_type.issuing_departments.values_list("id", flat=True))
    )
    if allowed and issuer.id not in allowed:
        errors["issuer"] = f"{issuer.name}无权制发“{license_type.name}”"
    expected_type = HOLDER_CODE_CITIZEN if license_type.holder_kind == HolderKind.PERSON else HOLDER_CODE_USCC
    code_type = holder_code_type or expected_type
    try:
        # the kind this license type needs is tried first: an 18-digit string can pass both checksums
        holder_code = check_holder_code(holder_code, code_type).value
        if code_type != expected_type:
            errors["holder_code"] = HOLDER_KIND_MISMATCH
    except ValidationError as error:
        errors["holder_code"] = (
            HOLDER_KIND_MISMATCH if _is_other_kind(holder_code, code_type) else error.messages[0]
        )
    if not holder_name:
        errors["holder_name"] = "持证主体名称必填"
    elif len(holder_name) > 100:
        errors["holder_name"] = "持证主体名称过长"
    issue_date = issue_date or today
    valid_from = valid_from or issue_date
    if issue_date > today:
        errors["issue_date"] = "颁证日期不能晚于今天"
    if valid_until is None and not long_term and license_type.default_validity_years:
        valid_until = add_years(valid_from, license_type.default_validity_years) - timezone.timedelta(days=1)
    if valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = "有效期截止日期不能早于起始日期"
    area_code = (area_code or issuer.region.code).strip()
    if len(area_code) != 6 or not area_code.isdigit():
        errors["area_code"] = "颁证区划代码应为6位数字"
    if len(number) > 60:
        errors["number"] = "证照编号过长"
    clean_face, face_errors = validate_face(
        license_type=license_type,
        face=face or {},
        holder_name=holder_name,
        holder_code=holder_code,
        fields=face_fields,
    )
    for key, message in face_errors.items():
        if (key == "name" and "holder_name" in errors) or (
            key in ("citizen_id", "uscc") and "holder_code" in errors
        ):
            continue  # the face copy of a bad holder value: reported once, on the holder column
        errors[f"face.{key}"] = message
    return LicenseDraft(
        license_type=license_type,
        issuer=issuer,
        holder_code=holder_code,
        holder_code_type=code_type,
        holder_name=holder_name,
        face=clean_face,
        issue_date=issue_date,
        valid_from=valid_from,
        valid_until=valid_until,
        area_code=area_code,
        number=(number or "").strip(),
        source_status_code=source_status_code,
        errors=errors,
    )


def raise_if_invalid(draft: LicenseDraft) -> None:
    if draft.errors:
        params = [{"name": key, "reason": reason} for key, reason in draft.errors.items()]
        summary = "；".join(draft.errors.values())
        raise InvalidLicenseData(f"证照数据有误：{summary}", params=params)


def _is_other_kind(holder_code: str, expected_type: str) -> bool:
    """Whether a code that fails the expected kind's check is really the other kind of code.

    A mistyped citizen ID (18 digits with a birth date) can pass the USCC checksum by chance
    (about 1 in 31), so it counts as a USCC only when it does not look like a citizen ID at all.
    """
    if expected_type == HOLDER_CODE_CITIZEN:
        if looks_like_citizen_id(holder_code):
            return False
        other_type = HOLDER_CODE_USCC
    else:
        other_type = HOLDER_CODE_CITIZEN
    try:
        check_holder_code(holder_code, other_type)
    except ValidationError:
        return False
    return True
