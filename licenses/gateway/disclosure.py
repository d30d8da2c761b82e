"""What a registry discloses to a partner node: the license's metadata, only the face fields the
consent allows, the license's own seal, and a disclosure seal by the issuing department's current
key over exactly that (RFC 8785 canonical JSON) — so the partner can verify the minimised answer
with the trust list it imported for this node."""

from django.conf import settings
from django.utils import timezone

from licenses.models import LicenseVersion
from licenses.sealing import seal_payload


def minimised_payload(version: LicenseVersion, fields: list[str]) -> dict:
    payload = version.payload()
    face = payload.pop("face")
    payload["face"] = {key: face[key] for key in sorted(fields) if key in face}
    payload["status"] = version.license.status
    return payload


def seal_disclosure(*, version: LicenseVersion, document: dict) -> dict:
    return seal_payload(department=version.license.issuer, payload=document)


def disclosure(
    *, version: LicenseVersion, fields: list[str], consent_reference: str, verification_result: str
) -> dict:
    """``verification_result``: this registry's verify_license result (valid, revoked-or-cancelled, …)."""
    document = {
        **minimised_payload(version, fields),
        "verification_result": verification_result,
        "disclosed_fields": sorted(fields),
        "license_seal": version.seal(),
        "consent_reference": consent_reference,
        "disclosed_at": timezone.now().isoformat(),
        "node": settings.MZB_NODE_CODE,
    }
    return {"document": document, "seal": seal_disclosure(version=version, document=document)}
