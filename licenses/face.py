"""Face fields (照面信息) validated against the license type's typed schema (catalogs.FaceField).

Values are normalised to JSON types so they can be sealed with RFC 8785: dates as ISO strings,
decimals as strings, integers as int, booleans as bool.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from catalogs.identifiers import check_citizen_id, check_uscc
from catalogs.models import FieldType, LicenseType

# face keys that repeat the holder and are filled from it when absent
HOLDER_NAME_KEY = "name"
HOLDER_CODE_KEYS = ("citizen_id", "uscc")


def _normalise(field, value):
    kind = field.field_type
    if kind in (FieldType.TEXT, FieldType.CHOICE, FieldType.CITIZEN_ID, FieldType.USCC):
        text = str(value).strip()
        if kind == FieldType.CHOICE and text not in field.choices:
            raise ValidationError(f"应为以下之一：{'、'.join(field.choices)}")
        if kind == FieldType.CITIZEN_ID:
            return check_citizen_id(text).value
        if kind == FieldType.USCC:
            return check_uscc(text).value
        if len(text) > 500:
            raise ValidationError("内容过长（最多500字）")
        return text
    if kind == FieldType.INT:
        if isinstance(value, bool):
            raise ValidationError("应为整数")
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation as error:
            raise ValidationError("应为整数") from error
        if number != number.to_integral_value():
            raise ValidationError("应为整数")
        return int(number)
    if kind == FieldType.DECIMAL:
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation as error:
            raise ValidationError("应为数字") from error
        if not number.is_finite():
            raise ValidationError("应为数字")
        return format(number.normalize(), "f")
    if kind == FieldType.DATE:
        if isinstance(value, date):
            return value.isoformat()
        try:
            return date.fromisoformat(str(value).strip()[:10]).isoformat()
        except ValueError as error:
            raise ValidationError("应为日期（YYYY-MM-DD）") from error
    if kind == FieldType.BOOL:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"是", "true", "1", "yes"}:
            return True
        if text in {"否", "false", "0", "no"}:
            return False
        raise ValidationError("应为“是”或“否”")
    raise ValidationError(f"未知的字段类型 {kind}")


def validate_face(
    *, license_type: LicenseType, face: dict, holder_name: str, holder_code: str, fields=None
) -> tuple[dict, dict[str, str]]:
    """Return (normalised face, errors by field key with Chinese reasons).

    ``fields`` may pass the type's face fields already loaded (bulk import)."""
    fields = list(fields if fields is not None else license_type.face_fields.all())
    face = dict(face or {})
    keys = {field.key for field in fields}
    if HOLDER_NAME_KEY in keys and face.get(HOLDER_NAME_KEY) in (None, ""):
        face[HOLDER_NAME_KEY] = holder_name
    for key in HOLDER_CODE_KEYS:
        if key in keys and face.get(key) in (None, ""):
            face[key] = holder_code
    errors: dict[str, str] = {}
    clean: dict = {}
    for unknown in sorted(set(face) - keys):
        errors[unknown] = f"“{license_type.name}”没有照面字段 {unknown}"
    for field in fields:
        value = face.get(field.key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if field.required:
                errors[field.key] = f"{field.label}：必填"
            continue
        try:
            clean[field.key] = _normalise(field, value)
        except ValidationError as error:
            errors[field.key] = f"{field.label}：{error.messages[0]}"
    if clean.get(HOLDER_NAME_KEY, holder_name) != holder_name:
        errors.setdefault(HOLDER_NAME_KEY, "照面姓名/名称与持证主体不一致")
    for key in HOLDER_CODE_KEYS:
        if key in clean and clean[key] != holder_code:
            errors.setdefault(key, "照面证件号码与持证主体代码不一致")
    return clean, errors
