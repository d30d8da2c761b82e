"""The package layout and manifest (归档信息包结构).

```
<package id>/
  manifest.json                 metadata + every file with role, media type, size and SHA-256
  seal.json                     the archiving department's seal over the manifest (RFC 8785 bytes)
  documents/NN-<kind>.pdf       the case's documents, PDF/A-3b
  licenses/NN-<type code>.json  snapshot of each license used, as read for the case
  licenses/NN-<type code>.verification.json   its verification report
  audit/audit-extract.json      the case's audit trail extract
```
"""

import hashlib
import json
import re
from datetime import date, datetime

from catalogs.identifiers import HOLDER_CODE_USCC, mask_code, mask_name

FORMAT = "mzb-archive-package/1"
MANIFEST = "manifest.json"
SEAL = "seal.json"
CONTROL_FILES = {MANIFEST, SEAL}
PDF = "application/pdf"
JSON = "application/json"
MEDIA_TYPES = {PDF, JSON}
DOCUMENT_ROLES = {
    "application_form",
    "acceptance_notice",
    "supplement_notice",
    "decision",
    "license_face",
    "other",
}
FILE_ROLES = {f"document:{r}" for r in DOCUMENT_ROLES} | {
    "license-snapshot",
    "verification-report",
    "audit-extract",
}
DECISIONS = {"approved", "rejected", "withdrawn"}
PATH_RE = re.compile(
    r"^(documents/\d{2}-[a-z_]+\.pdf|licenses/\d{2}-[0-9A-Z]{1,21}(\.verification)?\.json|audit/audit-extract\.json)$"
)
PACKAGE_ID_RE = re.compile(r"^ARC-\d{4}-[0-9A-Za-z-]{1,64}$")
CASE_NUMBER_RE = re.compile(r"^[0-9A-Za-z-]{4,64}$")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")

MANDATORY = {
    "format",
    "package_id",
    "created_at",
    "archiving_department",
    "case",
    "applicant",
    "retention",
    "counts",
    "files",
}
MANDATORY_CASE = {"number", "service_item", "department", "handler", "submitted_at", "decided_at", "decision"}


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=_default).encode()


def _default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def package_id_for(case_number: str, archived_on: date) -> str:
    return f"ARC-{archived_on.year}-{case_number}"


def retention_until(*, decided_on: date, years: int) -> date | None:
    """保管期限自文件形成之次年1月1日起算; 0 years means permanent (no end date)."""
    if years == 0:
        return None
    return date(decided_on.year + 1 + years, 1, 1)


def file_entry(*, path: str, role: str, content: bytes, media_type: str, **extra) -> dict:
    return {
        "path": path,
        "role": role,
        "media_type": media_type,
        "size": len(content),
        "sha256": sha256(content),
        **extra,
    }


def applicant_block(*, name: str, code: str, code_type: str, protected: dict) -> dict:
    return {
        "name_masked": name if code_type == HOLDER_CODE_USCC else mask_name(name),
        "code_masked": mask_code(code),
        "code_type": code_type,
        "protected": protected,
    }
