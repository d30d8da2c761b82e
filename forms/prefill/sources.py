"""Parsing and validating a field's prefill source string.

``license:<type code>.<face field key>`` reads a face field of a verified license of that type;
``applicant.<attribute>`` reads the signed-in applicant's verified identity.
"""

from dataclasses import dataclass

from catalogs.models import FaceField, LicenseType

APPLICANT_ATTRIBUTES = {
    "real_name": "姓名（名称）",
    "holder_code": "证件号码",
    "holder_code_type": "证件类型",
    "email": "电子邮箱",
    "phone": "手机号码",
}


class SourceError(ValueError):
    """A prefill source that cannot be used; the message is Chinese and names what to fix."""


@dataclass(frozen=True)
class Source:
    plugin: str  # "license" | "applicant"
    type_code: str = ""
    attribute: str = ""

    def __str__(self) -> str:
        if self.plugin == "license":
            return f"license:{self.type_code}.{self.attribute}"
        return f"applicant.{self.attribute}"

    def validate(self) -> None:
        """Check that the source names something that exists (license type and face field, or attribute)."""
        if self.plugin == "applicant":
            if self.attribute not in APPLICANT_ATTRIBUTES:
                raise SourceError(
                    f"申请人没有属性“{self.attribute}”，可用：{'、'.join(APPLICANT_ATTRIBUTES)}"
                )
            return

        license_type = LicenseType.objects.filter(code=self.type_code).first()
        if license_type is None:
            raise SourceError(f"证照类型代码 {self.type_code} 不存在")
        if (
            not FaceField.objects.filter(license_type=license_type, key=self.attribute).exists()
            and self.attribute not in LICENSE_METADATA
        ):
            raise SourceError(f"证照“{license_type.name}”没有照面字段“{self.attribute}”")


# Metadata every license carries besides its face fields (GB/T 36903 style).
LICENSE_METADATA = {
    "holder_name": "持证主体",
    "holder_code": "持证主体代码",
    "license_number": "证照编号",
    "identifier": "证照标识",
    "issue_date": "颁证日期",
    "expires_on": "有效期至",
}


def parse_source(value: str) -> Source:
    value = (value or "").strip()
    if value.startswith("license:"):
        rest = value[len("license:") :]
        type_code, dot, attribute = rest.partition(".")
        if not dot or not type_code or not attribute:
            raise SourceError("证照来源应写作 license:证照类型代码.照面字段")
        return Source(plugin="license", type_code=type_code, attribute=attribute)
    if value.startswith("applicant."):
        return Source(plugin="applicant", attribute=value[len("applicant.") :])
    raise SourceError("预填来源应以 license: 或 applicant. 开头")
