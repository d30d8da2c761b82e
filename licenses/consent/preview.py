"""The consent preview (授权预览): exactly which fields of which licenses a grant lets the grantee read.

Data minimisation (信息采集最小化): the grantee asks for the fields its purpose needs; a field is
included only if it exists on the type and its sensitivity grade (catalogs.FaceField.sensitivity,
1 公开 · 2 一般 · 3 敏感 · 4 高度敏感) is at most the grade the purpose allows. Without a list the
grant covers the type's fields up to that grade. Everything left out is listed with the reason."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_noop

from catalogs.models import LicenseType
from licenses.errors import InvalidLicenseData
from licenses.selectors import license_index_for_holder

# Chinese in previews and the API; marked so that pages can translate them on display
SENSITIVITY_LABELS = {
    1: gettext_noop("公开"),
    2: gettext_noop("一般"),
    3: gettext_noop("敏感"),
    4: gettext_noop("高度敏感"),
}


@dataclass
class PreviewField:
    key: str
    label: str
    sensitivity: int

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "sensitivity": self.sensitivity,
            "sensitivity_label": SENSITIVITY_LABELS.get(self.sensitivity, ""),
        }


@dataclass
class PreviewType:
    type_code: str
    type_name: str
    included: list[PreviewField] = field(default_factory=list)
    excluded: list[dict] = field(default_factory=list)
    licenses: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "type_code": self.type_code,
            "type_name": self.type_name,
            "fields": [f.as_dict() for f in self.included],
            "excluded": self.excluded,
            "licenses": self.licenses,
        }


@dataclass
class ConsentPreview:
    purpose: str
    max_sensitivity: int
    types: list[PreviewType]

    @property
    def fields(self) -> dict[str, list[str]]:
        return {t.type_code: sorted(f.key for f in t.included) for t in self.types}

    def as_dict(self) -> dict:
        return {
            "purpose": self.purpose,
            "max_sensitivity": self.max_sensitivity,
            "types": [t.as_dict() for t in self.types],
        }


def preview_consent(
    *,
    holder_code: str,
    type_codes: list[str],
    purpose: str,
    requested_fields: dict[str, list[str]] | None = None,
    max_sensitivity: int = 2,
) -> ConsentPreview:
    purpose = (purpose or "").strip()
    if not purpose:
        raise InvalidLicenseData("请填写用证事由")
    if len(purpose) > 200:
        raise InvalidLicenseData("用证事由不能超过 200 字")
    if max_sensitivity not in SENSITIVITY_LABELS:
        raise InvalidLicenseData("敏感级别应为 1–4")
    if not type_codes:
        raise InvalidLicenseData("请至少选择一种证照类型")
    requested_fields = requested_fields or {}
    unknown = set(requested_fields) - set(type_codes)
    if unknown:
        raise InvalidLicenseData(f"字段清单中的证照类型未在授权范围内：{'、'.join(sorted(unknown))}")
    types = {
        t.code: t for t in LicenseType.objects.filter(code__in=type_codes).prefetch_related("face_fields")
    }
    missing = [code for code in type_codes if code not in types]
    if missing:
        raise InvalidLicenseData(f"证照类型不存在：{'、'.join(missing)}")
    held = license_index_for_holder(holder_code)
    result = []
    for code in dict.fromkeys(type_codes):
        license_type = types[code]
        schema = {f.key: f for f in license_type.face_fields.all()}
        wanted = requested_fields.get(code)
        item = PreviewType(type_code=code, type_name=license_type.name)
        for key in wanted if wanted is not None else list(schema):
            face_field = schema.get(key)
            if face_field is None:
                raise InvalidLicenseData(f"{license_type.name}没有字段“{key}”")
            if face_field.sensitivity > max_sensitivity:
                grade = SENSITIVITY_LABELS[face_field.sensitivity]
                item.excluded.append(
                    {
                        "key": key,
                        "label": face_field.label,
                        "sensitivity": face_field.sensitivity,
                        "sensitivity_label": grade,
                        "reason": f"敏感级别“{grade}”高于本事由允许的级别",
                    }
                )
            else:
                item.included.append(PreviewField(key, face_field.label, face_field.sensitivity))
        item.licenses = [
            {"identifier": row["identifier"], "status": row["status"]}
            for row in held
            if row["type_code"] == code
        ]
        result.append(item)
    return ConsentPreview(purpose=purpose, max_sensitivity=max_sensitivity, types=result)
