"""Bulk digitisation of existing licenses (存量证照电子化): all rows sealed in one transaction."""

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from catalogs.models import Department
from licenses.models import ELicense, LicenseStatus, LicenseVersion, StatusAction, StatusChange
from licenses.sealing import KeySealer, current_key

from .drafts import LicenseDraft
from .history import build_status_change
from .issuing import build_version, ensure_may_manage, reserve_serials

logger = logging.getLogger("licenses.importing")
BATCH = 1000


@transaction.atomic
def bulk_issue(
    *,
    drafts: Sequence[LicenseDraft],
    issuer: Department,
    actor: User | None = None,
    reason: str = "存量证照电子化导入",
    on_sealed: Callable[[int], None] | None = None,
) -> list[LicenseVersion]:
    """Issue and seal every draft (already validated) or nothing. ``on_sealed(n)`` reports progress."""
    ensure_may_manage(actor=actor, issuer=issuer)
    if any(draft.errors for draft in drafts):
        raise ValueError("bulk_issue takes validated drafts only")
    at = timezone.now()
    sealer = KeySealer(current_key(department=issuer, at=at))
    by_type: dict[int, list[int]] = defaultdict(list)
    for index, draft in enumerate(drafts):
        by_type[draft.license_type.pk].append(index)
    serials: list[str] = [""] * len(drafts)
    for indexes in by_type.values():
        reserved = reserve_serials(
            license_type=drafts[indexes[0]].license_type, issuer=issuer, count=len(indexes)
        )
        for index, serial in zip(indexes, reserved, strict=True):
            serials[index] = serial
    licenses = [
        ELicense(
            license_type=draft.license_type,
            issuer=issuer,
            serial=serials[index],
            holder_code=draft.holder_code,
            holder_code_type=draft.holder_code_type,
            status=LicenseStatus.VALID,
            source_status_code=draft.source_status_code,
            status_changed_at=at,
        )
        for index, draft in enumerate(drafts)
    ]
    ELicense.objects.bulk_create(licenses, batch_size=BATCH)
    versions = []
    for lic, draft in zip(licenses, drafts, strict=True):
        lic.license_type, lic.issuer = draft.license_type, issuer  # avoid a query per row in payload()
        versions.append(build_version(lic=lic, draft=draft, version=1, sealer=sealer, at=at, actor=actor))
        if on_sealed and len(versions) % 100 == 0:
            on_sealed(100)
    if on_sealed and len(versions) % 100:
        on_sealed(len(versions) % 100)
    LicenseVersion.objects.bulk_create(versions, batch_size=BATCH)
    StatusChange.objects.bulk_create(
        [
            build_status_change(
                license=v.license,
                version=v,
                action=StatusAction.IMPORTED,
                from_status="",
                to_status=LicenseStatus.VALID,
                reason=reason,
                actor=actor,
                at=at,
                sealer=sealer,
                first=True,
            )
            for v in versions
        ],
        batch_size=BATCH,
    )
    logger.info(
        "licenses.import.done issuer=%s count=%s key_id=%s", issuer.uscc, len(versions), sealer.key.key_id
    )
    return versions
