"""verify_license: one report per call, each check named with its outcome (docs/contracts.md).

Result codes (modelled on the provincial sharing services' answers):
valid · suspended · revoked-or-cancelled · expired · not-yet-valid · superseded · not-found · invalid-identifier ·
data-mismatch (holder or type differs) · untrusted-seal (signature, key trust, key validity, compromise).
When several checks fail the most fundamental one decides the result (order of ``_PRIORITY``).

Result labels and check messages stay Chinese in the report (it is logged and returned by the APIs);
they are marked with ``gettext_noop`` and translated only on display (``Check.translated``).
"""

import base64
import binascii
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from licenses.identifiers import check_character_ok, parse_identifier
from licenses.models import LicenseStatus, LicenseVersion
from licenses.prepared import PreparedQuery
from licenses.sealing import canonical_bytes
from licenses.selectors import effective_status
from licenses.services.history import check_status_history
from licenses.signers import signers

RESULT_LABELS = {
    "valid": gettext_noop("有效"),
    "suspended": gettext_noop("已暂扣"),
    "revoked-or-cancelled": gettext_noop("已吊销或注销"),
    "expired": gettext_noop("已过期"),
    "not-yet-valid": gettext_noop("尚未生效"),
    "superseded": gettext_noop("已被新版本替代"),
    "not-found": gettext_noop("未找到该证照"),
    "invalid-identifier": gettext_noop("证照标识无效"),
    "data-mismatch": gettext_noop("信息不一致"),
    "untrusted-seal": gettext_noop("签章不可信"),
}

# check name -> result code when that check fails; earlier entries win
_PRIORITY = [
    ("identifier_check", "invalid-identifier"),
    ("found", "not-found"),
    ("seal_signature", "untrusted-seal"),
    ("seal_key_trusted", "untrusted-seal"),
    ("seal_key_valid_at_signing", "untrusted-seal"),
    ("holder_matches", "data-mismatch"),
    ("type_matches", "data-mismatch"),
    ("status_history", "untrusted-seal"),  # the status itself cannot be trusted: changed outside the services
    ("status", None),  # decided by the status itself
    ("validity_window", None),  # expired, or not yet valid
    ("current_version", "superseded"),
]
# the status check's message per license status (Chinese in the report, translated on display)
_STATUS_MESSAGES = {
    LicenseStatus.VALID: gettext_noop("证照状态：有效"),
    LicenseStatus.EXPIRED: gettext_noop("证照状态：过期"),
    LicenseStatus.SUSPENDED: gettext_noop("证照已暂扣"),
    LicenseStatus.REVOKED: gettext_noop("证照已吊销"),
    LicenseStatus.CANCELLED: gettext_noop("证照已注销"),
}
# columns of the joined rows no verification or caller of one reads (the key's encrypted private key above all)
_NOT_READ = (
    "license__source_status_code",
    "license__license_type__holder_kind",
    "license__license_type__default_validity_years",
    "license__license_type__status",
    "license__license_type__description",
    "license__issuer__region_id",
    "license__issuer__level",
    "seal_key__private_key_encrypted",
    "seal_key__note",
    "seal_key__created_at",
)
# the lookup compiled once per database (Django's query compilation was most of a verification's time)
_VERSION_BY_IDENTIFIER = PreparedQuery(
    lambda identifier: (
        LicenseVersion.objects.select_related("license__license_type", "license__issuer", "seal_key")
        .defer(*_NOT_READ)
        .filter(identifier=identifier)
        .order_by()
    ),  # the identifier is unique: no sort (the model's ordering joins and sorts for nothing)
    marker="\x00prepared:identifier",
)
_STATUS_RESULT = {
    LicenseStatus.SUSPENDED: "suspended",
    LicenseStatus.REVOKED: "revoked-or-cancelled",
    LicenseStatus.CANCELLED: "revoked-or-cancelled",
    LicenseStatus.EXPIRED: "expired",
}


def _seal_checks(report: "VerificationReport", version: LicenseVersion) -> None:
    """Signature, trust and key validity, each checked on its own so the report never claims a
    check that was not made. The signing time is the registry's own record (``sealed_at``), so a
    holder of a stolen key cannot backdate a seal to before the compromise."""
    key = version.seal_key
    lic = version.license
    try:
        signature = base64.b64decode(version.seal_signature, validate=True)
    except (binascii.Error, ValueError):
        signature = b""
    signature_ok = key.algorithm == version.seal_algorithm and signers[key.algorithm].verify(
        key.public_key, canonical_bytes(version.payload()), signature
    )
    report.add(
        "seal_signature",
        signature_ok,
        gettext_noop("签章与证照数据一致")
        if signature_ok
        else gettext_noop("签章验证失败：数据已被篡改或签名无效"),
    )
    if not key.trusted:
        report.add(
            "seal_key_trusted", False, gettext_noop("签章密钥 %(key_id)s 不在信任列表中"), key_id=key.key_id
        )
    elif key.department_id != lic.issuer_id:
        report.add("seal_key_trusted", False, gettext_noop("签章密钥不属于该证照的发证部门"))
    else:
        report.add("seal_key_trusted", True, gettext_noop("签章密钥在信任列表中"))
    if key.compromised_for(version.sealed_at):
        report.add("seal_key_valid_at_signing", False, gettext_noop("签章密钥已泄露，泄露之后加盖的签章无效"))
    elif not key.valid_at(version.sealed_at):
        report.add("seal_key_valid_at_signing", False, gettext_noop("签章时间不在密钥有效期内"))
    else:
        report.add("seal_key_valid_at_signing", True, gettext_noop("签章时密钥有效且未泄露"))


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    message: str  # Chinese, as logged and returned by the APIs
    text: str = ""  # the message before its values were filled in (marked with gettext_noop)
    params: dict = field(default_factory=dict)

    def translated(self) -> str:
        """The message in the active language (display only)."""
        return (
            gettext(self.text or self.message) % self.params
            if self.params
            else gettext(self.text or self.message)
        )


@dataclass
class VerificationReport:
    identifier: str
    result: str = "valid"
    checks: list[Check] = field(default_factory=list)
    checked_at: datetime = field(default_factory=timezone.now)
    on: date | None = None
    version: LicenseVersion | None = None
    status: str = ""

    @property
    def ok(self) -> bool:
        return self.result == "valid"

    @property
    def result_label(self) -> str:
        return RESULT_LABELS[self.result]

    def failed(self, name: str) -> Check | None:
        return next((check for check in self.checks if check.name == name and not check.ok), None)

    def add(self, name: str, ok: bool, text: str, /, **params) -> None:
        self.checks.append(Check(name, ok, text % params if params else text, text, params))

    def as_dict(self) -> dict:
        return {
            "identifier": self.identifier,
            "result": self.result,
            "result_label": self.result_label,
            "on": self.on.isoformat() if self.on else None,
            "checks": [{"name": c.name, "ok": c.ok, "message": c.message} for c in self.checks],
            "checked_at": self.checked_at.isoformat(),
        }

    def _decide(self) -> None:
        for name, code in _PRIORITY:
            if self.failed(name):
                if code:
                    self.result = code
                elif name == "status":
                    self.result = _STATUS_RESULT.get(self.status, "revoked-or-cancelled")
                else:
                    self.result = (
                        "not-yet-valid"
                        if self.version and self.on and self.version.valid_from > self.on
                        else "expired"
                    )
                return
        self.result = "valid"


def verify_license(
    *, identifier: str, holder_code: str | None = None, type_code: str | None = None, on: date | None = None
) -> VerificationReport:
    on = on or timezone.localdate()
    identifier = (identifier or "").strip()
    report = VerificationReport(identifier=identifier, on=on)
    try:
        parsed = parse_identifier(identifier)
    except ValueError as error:
        report.add("identifier_check", False, str(error))
        report._decide()
        return report
    if not check_character_ok(parsed):
        report.add("identifier_check", False, gettext_noop("证照标识校验位错误（ISO 7064 MOD 37,36）"))
        report._decide()
        return report
    report.add("identifier_check", True, gettext_noop("证照标识校验位正确"))

    version = _VERSION_BY_IDENTIFIER.first(identifier)  # identifier is unique
    if version is None:
        report.add("found", False, gettext_noop("发证部门证照库中没有该证照"))
        report._decide()
        return report
    report.add("found", True, gettext_noop("已在发证部门证照库中找到"))
    report.version = version
    lic = version.license
    report.status = lic.status

    _seal_checks(report, version)
    if holder_code is not None:
        same = (holder_code or "").strip().upper() == lic.holder_code
        report.add(
            "holder_matches",
            same,
            gettext_noop("持证主体一致") if same else gettext_noop("持证主体与所给代码不一致"),
        )
    if type_code is not None:
        same = type_code == lic.license_type.code
        if same:
            report.add("type_matches", True, gettext_noop("证照类型一致"))
        else:
            report.add(
                "type_matches",
                False,
                gettext_noop("证照类型不符：实为“%(type_name)s”"),
                type_name=lic.license_type.name,
            )
    history_ok, history_message = check_status_history(lic, known=(version, version.seal_key))
    report.add("status_history", history_ok, history_message)
    if lic.status in (LicenseStatus.VALID, LicenseStatus.EXPIRED):
        # "expired" is a question of dates, answered by the validity window check below
        report.add("status", True, _STATUS_MESSAGES[lic.status])
    else:
        report.add("status", False, _STATUS_MESSAGES.get(lic.status, gettext_noop("证照状态异常")))
    status_on = effective_status(status=lic.status, valid_until=version.valid_until, on=on)
    in_window = (
        version.valid_from <= on
        and status_on != LicenseStatus.EXPIRED
        and lic.status != LicenseStatus.EXPIRED
    )
    if in_window:
        if version.valid_until is None:
            report.add("validity_window", True, gettext_noop("在有效期内（长期有效）"))
        else:
            report.add(
                "validity_window",
                True,
                gettext_noop("在有效期内（至 %(date)s）"),
                date=f"{version.valid_until:%Y-%m-%d}",
            )
    elif version.valid_from > on:
        report.add(
            "validity_window",
            False,
            gettext_noop("尚未生效（自 %(date)s 起）"),
            date=f"{version.valid_from:%Y-%m-%d}",
        )
    else:
        end = f"{version.valid_until:%Y-%m-%d}" if version.valid_until else "—"
        report.add("validity_window", False, gettext_noop("已超过有效期（至 %(date)s）"), date=end)
    if version.is_current:
        report.add("current_version", True, gettext_noop("为最新版本"))
    else:
        report.add("current_version", False, gettext_noop("该版本已被变更后的新版本替代"))
    report._decide()
    return report
