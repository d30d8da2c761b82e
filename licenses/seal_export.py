"""Export of a license's seal for third-party verification (docs/licenses.md, "Checking a seal yourself").

The export holds what a verifier needs and nothing they must trust us for: the RFC 8785 canonical payload
exactly as signed (base64, so no JSON tool can re-serialise it), the signature (base64 of the DER
``SEQUENCE {r, s}``), the algorithm, key id and the public key (also in the trust list). Every export is a
read of the license (access log, channel ``export``).
"""

import base64

from django.utils.translation import gettext_noop

from accounts.models import User
from licenses.audit import Reader, record_access
from licenses.models import AccessChannel, AccessResult, LicenseVersion
from licenses.sealing import canonical_bytes
from licenses.selectors import licenses_of_holder

SM2_USER_ID = "1234567812345678"  # GM/T 0009 default; OpenSSL 3 must be told it (-pkeyopt distid:…)


def exportable_version(*, user: User, identifier: str) -> LicenseVersion | None:
    """The holder's own version with this identifier (current or superseded), else None."""
    return (
        LicenseVersion.objects.select_related("license__license_type", "license__issuer", "seal_key")
        .filter(identifier=identifier, license__in=licenses_of_holder(user=user))
        .first()
    )


def seal_export(*, version: LicenseVersion, user: User) -> dict:
    record_access(
        reader=Reader(
            channel=AccessChannel.EXPORT, user=user, purpose=gettext_noop("持证人导出签章供第三方核验")
        ),
        result=AccessResult.GRANTED,
        license=version.license,
        license_identifier=version.identifier,
        license_name=version.name,
        fields_read=sorted(version.payload()),
    )
    key = version.seal_key
    export = {
        "identifier": version.identifier,
        "algorithm": version.seal_algorithm,
        "key_id": key.key_id,
        "issuer_uscc": version.license.issuer.uscc,
        "signed_at": version.seal()["signed_at"],
        "public_key": key.public_key,
        "payload": version.payload(),
        "canonical_payload": base64.b64encode(canonical_bytes(version.payload())).decode("ascii"),
        "signature": version.seal_signature,
        "signature_encoding": "base64 of DER SEQUENCE {r, s}",
    }
    if version.seal_algorithm == "sm2-sm3":
        export["sm2_user_id"] = SM2_USER_ID
    return export
