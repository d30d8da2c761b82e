"""Issue (制发) and update (变更) licenses: every change is a new sealed version."""

import logging
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from catalogs.models import Department, LicenseType
from licenses.errors import IllegalTransition, NotIssuerOfLicense
from licenses.identifiers import build_identifier
from licenses.models import ELicense, LicenseStatus, LicenseVersion, SerialCounter, StatusAction
from licenses.sealing import KeySealer, current_key

from .drafts import LicenseDraft, new_verification_code, prepare_draft, raise_if_invalid
from .history import record_status_change

logger = logging.getLogger("licenses.issuing")

SERIAL_DIGITS = 8


def ensure_may_manage(*, actor: User, issuer: Department) -> None:
    """Only the issuing department's staff (or a superuser, or the system) act on its licenses."""
    if actor is None or actor.is_superuser:
        return
    if actor.department_id != issuer.id:
        raise NotIssuerOfLicense(f"只有{issuer.name}的工作人员可以办理该证照")


def reserve_serials(*, license_type: LicenseType, issuer: Department, count: int = 1) -> list[str]:
    """Reserve ``count`` consecutive serials; the counter row is locked until the transaction ends."""
    SerialCounter.objects.get_or_create(license_type=license_type, issuer=issuer)
    counter = SerialCounter.objects.select_for_update().get(license_type=license_type, issuer=issuer)
    first = counter.next_value
    counter.next_value = first + count
    counter.save(update_fields=["next_value"])
    return [f"{value:0{SERIAL_DIGITS}d}" for value in range(first, first + count)]


def build_version(
    *,
    lic: ELicense,
    draft: LicenseDraft,
    version: int,
    sealer: KeySealer,
    at: datetime,
    actor: User | None = None,
) -> LicenseVersion:
    """A sealed, unsaved version of ``lic`` from a validated draft."""
    identifier = build_identifier(
        type_code=draft.license_type.code, issuer_uscc=draft.issuer.uscc, serial=lic.serial, version=version
    )
    row = LicenseVersion(
        license=lic,
        version=version,
        identifier=identifier,
        is_current=True,
        name=draft.license_type.name,
        number=draft.number or f"{draft.issue_date:%Y}{lic.serial}",
        issuer_name=draft.issuer.name,
        issue_date=draft.issue_date,
        valid_from=draft.valid_from,
        valid_until=draft.valid_until,
        area_code=draft.area_code,
        holder_name=draft.holder_name,
        face=draft.face,
        seal_key=sealer.key,
        seal_algorithm=sealer.key.algorithm,
        sealed_at=at,
        verification_code=new_verification_code(),
        issued_by=actor,
    )
    row.seal_signature = sealer.sign(row.payload())
    return row


@transaction.atomic
def issue_license(
    *,
    license_type: LicenseType,
    issuer: Department,
    holder_code: str,
    holder_name: str,
    face: dict | None = None,
    actor: User | None = None,
    reason: str = "依申请制发",
    at: datetime | None = None,
    holder_code_type: str = "",
    number: str = "",
    issue_date: date | None = None,
    valid_from: date | None = None,
    valid_until: date | None = None,
    long_term: bool = False,
    area_code: str = "",
    source_status_code: str = "",
) -> LicenseVersion:
    """Issue and seal a new license (version 001); metadata left empty is derived by ``prepare_draft``."""
    ensure_may_manage(actor=actor, issuer=issuer)
    draft = prepare_draft(
        license_type=license_type,
        issuer=issuer,
        holder_code=holder_code,
        holder_name=holder_name,
        face=face,
        holder_code_type=holder_code_type,
        number=number,
        issue_date=issue_date,
        valid_from=valid_from,
        valid_until=valid_until,
        long_term=long_term,
        area_code=area_code,
        source_status_code=source_status_code,
    )
    return issue_from_draft(draft=draft, actor=actor, reason=reason, at=at)


@transaction.atomic
def issue_from_draft(
    *, draft: LicenseDraft, actor: User | None = None, reason: str = "依申请制发", at: datetime | None = None
) -> LicenseVersion:
    """Issue a prepared draft (``issue_license`` prepares it; the demo registers another
    province's license with a draft prepared without the local issuing list)."""
    ensure_may_manage(actor=actor, issuer=draft.issuer)
    raise_if_invalid(draft)
    license_type, issuer = draft.license_type, draft.issuer
    at = at or timezone.now()
    sealer = KeySealer(current_key(department=issuer, at=at))
    (serial,) = reserve_serials(license_type=license_type, issuer=issuer)
    lic = ELicense(
        license_type=license_type,
        issuer=issuer,
        serial=serial,
        holder_code=draft.holder_code,
        holder_code_type=draft.holder_code_type,
        status=LicenseStatus.VALID,
        source_status_code=draft.source_status_code,
        status_changed_at=at,
    )
    lic.full_clean()
    lic.save()
    version = build_version(lic=lic, draft=draft, version=1, sealer=sealer, at=at, actor=actor)
    version.full_clean()
    version.save()
    record_status_change(
        license=lic,
        version=version,
        action=StatusAction.ISSUED,
        from_status="",
        to_status=LicenseStatus.VALID,
        reason=reason,
        actor=actor,
        at=at,
        sealer=sealer,
        first=True,
    )
    logger.info("licenses.issued identifier=%s key_id=%s", version.identifier, sealer.key.key_id)
    return version


UPDATABLE_FIELDS = {
    "holder_name",
    "face",
    "number",
    "issue_date",
    "valid_from",
    "valid_until",
    "long_term",
    "area_code",
}


@transaction.atomic
def update_license(
    *, license: ELicense, changes: dict, actor: User | None = None, reason: str, at: datetime | None = None
) -> LicenseVersion:
    """Issue the next version with ``changes`` applied; the current version becomes superseded.
    Face changes are merged into the current face (pass a key with None to clear an optional field)."""
    lic = (
        ELicense.objects.select_for_update()
        .select_related("license_type", "issuer__region")
        .get(pk=license.pk)
    )
    ensure_may_manage(actor=actor, issuer=lic.issuer)
    if not reason.strip():
        raise IllegalTransition("变更证照须填写原因")
    unknown = set(changes) - UPDATABLE_FIELDS
    if unknown:
        raise IllegalTransition(f"不能变更这些项目：{'、'.join(sorted(unknown))}")
    if lic.status not in (LicenseStatus.VALID, LicenseStatus.SUSPENDED):
        raise IllegalTransition(f"证照状态为“{lic.get_status_display()}”，不能变更")
    current = lic.versions.select_for_update().get(is_current=True)
    face = dict(current.face)
    if "holder_name" in changes and face.get("name") == current.holder_name:
        face.pop("name")  # refilled from the new holder name
    face.update(changes.get("face", {}))
    face = {key: value for key, value in face.items() if value is not None}
    draft = prepare_draft(
        license_type=lic.license_type,
        issuer=lic.issuer,
        holder_code=lic.holder_code,
        holder_code_type=lic.holder_code_type,
        holder_name=changes.get("holder_name", current.holder_name),
        face=face,
        number=changes.get("number", current.number),
        issue_date=changes.get("issue_date", current.issue_date),
        valid_from=changes.get("valid_from", current.valid_from),
        valid_until=changes.get("valid_until", current.valid_until),
        long_term=changes.get(
            "long_term",
            changes["valid_until"] is None if "valid_until" in changes else current.valid_until is None,
        ),
        area_code=changes.get("area_code", current.area_code),
    )
    raise_if_invalid(draft)
    at = at or timezone.now()
    sealer = KeySealer(current_key(department=lic.issuer, at=at))
    current.is_current = False
    current.superseded_at = at
    current.save(update_fields=["is_current", "superseded_at"])
    version = build_version(
        lic=lic, draft=draft, version=current.version + 1, sealer=sealer, at=at, actor=actor
    )
    version.full_clean()
    version.save()
    record_status_change(
        license=lic,
        version=version,
        action=StatusAction.UPDATED,
        from_status=lic.status,
        to_status=lic.status,
        reason=reason,
        actor=actor,
        at=at,
        sealer=sealer,
    )
    logger.info("licenses.updated identifier=%s supersedes=%s", version.identifier, current.identifier)
    return version
