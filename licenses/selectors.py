"""Reads of the license registry: permission-aware querysets and the contracts other apps consume."""

from datetime import date

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import SEES_EVERYTHING
from licenses.models import ELicense, LicenseStatus, LicenseVersion, SealKey


def effective_status(*, status: str, valid_until: date | None, on: date) -> str:
    """The status as of ``on``: a license past its end date is expired even before the job ran."""
    if (
        status in (LicenseStatus.VALID, LicenseStatus.SUSPENDED)
        and valid_until is not None
        and valid_until < on
    ):
        return LicenseStatus.EXPIRED
    return status


def license_index_for_holder(holder_code: str, *, on: date | None = None) -> list[dict]:
    """One entry per license the holder holds (latest version), for the rules engine (docs/contracts.md)."""
    on = on or timezone.localdate()
    rows = (
        LicenseVersion.objects.filter(
            is_current=True, license__holder_code=(holder_code or "").strip().upper()
        )
        .select_related("license__license_type")
        .order_by("license__license_type__code", "license_id")
    )
    return [
        {
            "type_code": row.license.license_type.code,
            "status": effective_status(status=row.license.status, valid_until=row.valid_until, on=on),
            "identifier": row.identifier,
            "expires_on": row.valid_until,
        }
        for row in rows
    ]


def verification_url(license_version: LicenseVersion) -> str:
    """Path of the public verification page with the version's code (what the QR code carries)."""
    path = reverse("licenses:verify-page", args=[license_version.identifier])
    return f"{path}?c={license_version.verification_code}"


def with_current_version(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("license_type", "issuer").prefetch_related(
        Prefetch(
            "versions", queryset=LicenseVersion.objects.filter(is_current=True), to_attr="current_versions"
        )
    )


def licenses_of_holder(*, user: User) -> QuerySet:
    """The wallet (电子证照夹): only the signed-in person's (or enterprise's) own licenses."""
    if not getattr(user, "is_authenticated", False) or not user.holder_code:
        return ELicense.objects.none()
    return with_current_version(ELicense.objects.filter(holder_code=user.holder_code)).order_by(
        "license_type__code", "-created_at"
    )


def _sees_everything(user: User) -> bool:
    return user.has_perm(SEES_EVERYTHING)


def licenses_managed_by(*, user: User) -> QuerySet:
    """What an issuer may manage: their own department's licenses (everything for a superuser or
    an auditor, who reads but cannot change)."""
    if _sees_everything(user):
        return ELicense.objects.all()
    if not user.department_id:
        return ELicense.objects.none()
    return ELicense.objects.filter(issuer_id=user.department_id)


def seal_keys_managed_by(*, user: User) -> QuerySet:
    if _sees_everything(user):
        return SealKey.objects.all()
    if not user.department_id:
        return SealKey.objects.none()
    return SealKey.objects.filter(department_id=user.department_id)


def trust_list() -> dict:
    """The published trust list: every trusted key with its department, algorithm and validity."""
    keys = (
        SealKey.objects.trusted()
        .select_related("department")
        .order_by("department__uscc", "valid_from", "key_id")
    )
    return {
        "name": "免证办电子证照签章信任列表",
        "generated_at": timezone.now().isoformat(),
        "keys": [
            {
                "key_id": key.key_id,
                "issuer_name": key.department.name,
                "issuer_uscc": key.department.uscc,
                "algorithm": key.algorithm,
                "state": key.state,
                "valid_from": key.valid_from.isoformat(),
                "valid_until": key.valid_until.isoformat() if key.valid_until else None,
                "compromised_at": key.compromised_at.isoformat() if key.compromised_at else None,
                "public_key": key.public_key,
            }
            for key in keys
        ],
    }
