"""The package seal: the archiving department's key signs the manifest (licenses.sealing, RFC 8785).

Kept behind two functions so the checker and the builder share one definition of what is signed.
"""

from dataclasses import dataclass

from catalogs.models import Department
from licenses.sealing import seal_payload, verify_payload


@dataclass(frozen=True)
class SealOutcome:
    ok: bool
    code: str
    message: str
    key_id: str


def seal_manifest(*, department: Department, manifest: dict) -> dict:
    return seal_payload(department=department, payload=manifest)


def verify_manifest_seal(*, manifest: dict, seal: dict) -> SealOutcome:
    check = verify_payload(payload=manifest, seal=seal)
    return SealOutcome(ok=check.ok, code=check.code, message=check.message, key_id=check.key_id)
