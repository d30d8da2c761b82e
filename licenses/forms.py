"""The single-license issue form of the admin (签发一个电子证照): the type's face fields as typed inputs.

The form only collects and shapes input; ``licenses.services.issue_license`` validates, seals and saves.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalogs.admin_base import DatePickerInput
from catalogs.models import Department, FieldType, LicenseType
from catalogs.models.license_types import LicenseTypeStatus
from licenses.face import HOLDER_CODE_KEYS, HOLDER_NAME_KEY

FACE_PREFIX = "face_"
BOOL_CHOICES = [("", "——"), ("是", _("是")), ("否", _("否"))]
# service error keys → form fields (face.<key> → face_<key>)
ERROR_FIELDS = {
    "holder_code": "holder_code",
    "holder_name": "holder_name",
    "number": "number",
    "issue_date": "issue_date",
    "valid_from": "valid_from",
    "valid_until": "valid_until",
    "area_code": "area_code",
}


def issuable_types(*, issuer: Department | None):
    types = LicenseType.objects.filter(status=LicenseTypeStatus.ACTIVE).order_by("code")
    return types.filter(issuing_departments=issuer).distinct() if issuer is not None else types.none()


class LicenseTypeChoiceForm(forms.Form):
    license_type = forms.ModelChoiceField(
        label=_("证照类型"), queryset=LicenseType.objects.none(), empty_label=_("—— 请选择 ——")
    )

    def __init__(self, *args, issuer: Department | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["license_type"].queryset = issuable_types(issuer=issuer)


def _face_field(field) -> forms.Field:
    common = {"label": field.label, "required": field.required}
    kind = field.field_type
    if kind == FieldType.DATE:
        return forms.DateField(widget=DatePickerInput(), **common)
    if kind == FieldType.INT:
        return forms.IntegerField(**common)
    if kind == FieldType.DECIMAL:
        return forms.DecimalField(**common)
    if kind == FieldType.BOOL:
        return forms.ChoiceField(choices=BOOL_CHOICES, **common)
    if kind == FieldType.CHOICE:
        return forms.ChoiceField(choices=[("", "——"), *((value, value) for value in field.choices)], **common)
    return forms.CharField(max_length=500, **common)


class IssueLicenseForm(forms.Form):
    holder_name = forms.CharField(label=_("持证主体名称"), max_length=100)
    holder_code = forms.CharField(
        label=_("持证主体代码"), max_length=18, help_text=_("自然人填居民身份证号码，法人填统一社会信用代码")
    )
    number = forms.CharField(
        label=_("证照编号"), max_length=60, required=False, help_text=_("留空由系统按“年份+流水号”编号")
    )
    issue_date = forms.DateField(label=_("颁证日期"), widget=DatePickerInput(), initial=timezone.localdate)
    valid_from = forms.DateField(
        label=_("有效期起始日期"), widget=DatePickerInput(), required=False, help_text=_("留空为颁证日期")
    )
    valid_until = forms.DateField(
        label=_("有效期截止日期"),
        widget=DatePickerInput(),
        required=False,
        help_text=_("留空按该类证照的默认有效期；勾选“长期有效”则不填"),
    )
    long_term = forms.BooleanField(label=_("长期有效"), required=False)
    area_code = forms.CharField(
        label=_("颁证区划代码"),
        max_length=6,
        required=False,
        help_text=_("6位行政区划代码，留空为本部门所在区划"),
    )
    reason = forms.CharField(
        label=_("制发依据"), max_length=200, initial="依申请制发"
    )  # stored in the status history: stays Chinese

    def __init__(self, *args, license_type: LicenseType, **kwargs):
        super().__init__(*args, **kwargs)
        self.license_type = license_type
        self.face_fields = []
        for field in license_type.face_fields.all():
            if field.key == HOLDER_NAME_KEY or field.key in HOLDER_CODE_KEYS:
                continue  # filled from the holder's name and code
            name = f"{FACE_PREFIX}{field.key}"
            self.fields[name] = _face_field(field)
            self.face_fields.append(name)

    @property
    def holder_fields(self):
        return [self[name] for name in ("holder_name", "holder_code")]

    @property
    def face_bound_fields(self):
        return [self[name] for name in self.face_fields]

    @property
    def metadata_fields(self):
        return [
            self[name]
            for name in (
                "number",
                "issue_date",
                "valid_from",
                "valid_until",
                "long_term",
                "area_code",
                "reason",
            )
        ]

    def clean(self):
        data = super().clean()
        if data.get("long_term") and data.get("valid_until"):
            self.add_error("valid_until", gettext("长期有效的证照不填截止日期"))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        face = {}
        for name in self.face_fields:
            value = data.get(name)
            if value in (None, ""):
                continue
            face[name.removeprefix(FACE_PREFIX)] = (
                value.isoformat() if hasattr(value, "isoformat") else str(value)
            )
        return {
            "license_type": self.license_type,
            "holder_name": data["holder_name"],
            "holder_code": data["holder_code"],
            "face": face,
            "number": data.get("number") or "",
            "issue_date": data["issue_date"],
            "valid_from": data.get("valid_from"),
            "valid_until": data.get("valid_until"),
            "long_term": bool(data.get("long_term")),
            "area_code": data.get("area_code") or "",
            "reason": data["reason"],
        }

    def add_service_errors(self, params: list[dict]) -> None:
        """The issuing service's errors (``InvalidLicenseData.params``) on the fields they are about."""
        for param in params:
            name, reason = param.get("name", ""), param.get("reason", "")
            field = ERROR_FIELDS.get(name) or (
                f"{FACE_PREFIX}{name[5:]}" if name.startswith("face.") else None
            )
            if name in ("face.name",):
                field = "holder_name"
            elif name in ("face.citizen_id", "face.uscc"):
                field = "holder_code"
            self.add_error(field if field in self.fields else None, reason)


MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class LicenseImportForm(forms.Form):
    file = forms.FileField(label=_("电子表格文件"), help_text=_("XLSX 或 CSV（UTF-8），列见导入模板"))
    dry_run = forms.BooleanField(label=_("只检查，不签发"), required=False, initial=True)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                gettext("文件过大：最大 %(size)d MB") % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(gettext("只支持 .xlsx 或 .csv 文件"))
        return upload
