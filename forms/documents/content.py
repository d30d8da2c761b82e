"""Content digest, document numbers and check codes of issued documents.

Document number: ``<kind prefix>-<year>-<issuer org code>-<serial>`` (e.g. ``SL-2026-139260020-000001``),
serials per department, kind and year, handed out under a row lock.
Check code: the first 10 base32 characters of HMAC-SHA256(DOCUMENT_CHECK_KEY, number + "|" + content digest),
where the content digest is SHA-256 of the RFC 8785 canonical JSON of the document's data. The QR code
carries number and check code; without the code the verification page reveals nothing.
"""

import base64
import dataclasses
import hashlib
import hmac
from datetime import date, datetime
from decimal import Decimal

import rfc8785
from django.conf import settings
from django.db import transaction

from forms.models import DocumentSequence


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def content_digest(data) -> str:
    return hashlib.sha256(rfc8785.dumps(_plain(data))).hexdigest()


def _check_key() -> bytes:
    key = getattr(settings, "DOCUMENT_CHECK_KEY", "") or ("document-check:" + settings.SECRET_KEY)
    return key.encode()


def check_code(number: str, digest: str) -> str:
    mac = hmac.new(_check_key(), f"{number}|{digest}".encode(), hashlib.sha256).digest()
    return base64.b32encode(mac).decode()[:10]


@transaction.atomic
def next_document_number(*, department, kind: str, prefix: str, year: int) -> str:
    sequence, _created = DocumentSequence.objects.select_for_update().get_or_create(
        department=department, kind=kind, year=year
    )
    # get_or_create does not lock a row it just created in every backend; re-read under lock.
    sequence = DocumentSequence.objects.select_for_update().get(pk=sequence.pk)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{prefix}-{year}-{department.uscc[8:17]}-{sequence.last:06d}"
