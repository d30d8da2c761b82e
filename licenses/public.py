"""What the public sees when verifying a license: minimal disclosure, decided in one place.

Without the right verification code: nothing — the same answer whether the identifier exists, is valid, was
revoked or never issued (identifiers are sequential, so "valid" vs "not found" would let anyone enumerate the
register; guessing the ~50-bit code is throttled per address). With it: result, license type, issuer, masked
holder (张*三, 630102********1234) and validity — never face fields.

The result label and check messages are Chinese (as in the report and the API); the page asks for
them in the visitor's language with ``for_display``.
"""

from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from catalogs.identifiers import codes_match, mask_code, mask_name
from licenses.audit import Reader, record_access
from licenses.models import AccessChannel, AccessResult, LicenseStatus
from licenses.verification import verify_license

# what the page says of a license that is not in force: which status (the report groups revoked and cancelled)
STATUS_VERDICTS = {
    LicenseStatus.SUSPENDED: gettext_noop("已暂扣"),
    LicenseStatus.REVOKED: gettext_noop("已吊销"),
    LicenseStatus.CANCELLED: gettext_noop("已注销"),
}


def public_verification(*, identifier: str, code: str | None, for_display: bool = False) -> dict:
    report = verify_license(identifier=identifier)
    version = report.version
    code_ok = bool(version) and codes_match(version.verification_code, code)
    if not code_ok:
        return {"identifier": report.identifier, "valid": None, "code_accepted": False}
    lic = version.license
    record_access(
        reader=Reader(channel=AccessChannel.PUBLIC, purpose=gettext_noop("凭核验码公开核验")),
        result=AccessResult.GRANTED,
        license=lic,
        license_identifier=version.identifier,
        license_name=version.name,
    )
    verdict = STATUS_VERDICTS.get(lic.status)
    not_in_force = verdict is not None
    return {
        "identifier": report.identifier,
        "valid": report.ok,
        "code_accepted": True,
        # a suspended, revoked or cancelled license: which of them, and since when
        "status": lic.status,
        "status_label": (gettext(verdict) if for_display else verdict) if verdict else None,
        "status_since": timezone.localtime(lic.status_changed_at).date().isoformat()
        if not_in_force and lic.status_changed_at
        else None,
        "result": report.result,
        "result_label": gettext(report.result_label) if for_display else report.result_label,
        "license_type": version.name,
        "issuer": version.issuer_name,
        "holder_name": mask_name(version.holder_name),
        "holder_code": mask_code(lic.holder_code),
        "valid_from": version.valid_from.isoformat(),
        "valid_until": version.valid_until.isoformat() if version.valid_until else None,
        "long_term": version.valid_until is None,
        # the validity window of a license not in force is no reason for a green tick: shown neutral
        "checks": [
            {
                "name": c.name,
                "ok": c.ok,
                "neutral": not_in_force and c.name == "validity_window" and c.ok,
                "message": c.translated() if for_display else c.message,
            }
            for c in report.checks
        ],
    }
