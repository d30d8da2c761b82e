"""Writes of consents: grant (after the preview), revoke (immediately; the gateway tells partner nodes), and
register a consent a partner node's holder granted (sent along with each registry call)."""

import logging
import uuid
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from catalogs.models import Department, ServiceItem
from licenses.errors import ConsentNotFound, InvalidLicenseData, PartnerError
from licenses.models import Consent, ConsentState, PartnerNode

from .preview import preview_consent
from .signals import consent_revoked

logger = logging.getLogger("licenses.consent")
MAX_CONSENT_DAYS = 365


def _clean(consent: Consent) -> None:
    try:
        consent.full_clean()
    except ValidationError as error:
        raise InvalidLicenseData("；".join(error.messages)) from error


@transaction.atomic
def grant_consent(
    *,
    holder: User,
    grantee_department: Department,
    type_codes: list[str],
    purpose: str,
    expires_at: datetime,
    requested_fields: dict[str, list[str]] | None = None,
    max_sensitivity: int = 2,
    service_item: ServiceItem | None = None,
    case_reference: str = "",
) -> Consent:
    """The signed-in holder authorises ``grantee_department`` to read exactly what the preview lists."""
    if not getattr(holder, "holder_code", ""):
        raise InvalidLicenseData("只有完成实名核验的持证人可以授权用证")
    now = timezone.now()
    if expires_at <= now:
        raise InvalidLicenseData("授权失效时间必须晚于现在")
    if expires_at > now + timedelta(days=MAX_CONSENT_DAYS):
        raise InvalidLicenseData(f"授权期限不能超过 {MAX_CONSENT_DAYS} 天")
    preview = preview_consent(
        holder_code=holder.holder_code,
        type_codes=type_codes,
        purpose=purpose,
        requested_fields=requested_fields,
        max_sensitivity=max_sensitivity,
    )
    consent = Consent(
        holder_code=holder.holder_code,
        holder_code_type=holder.holder_code_type,
        holder_user=holder,
        grantee_name=grantee_department.name,
        grantee_department=grantee_department,
        service_item=service_item,
        case_reference=case_reference[:64],
        purpose=preview.purpose,
        fields=preview.fields,
        max_sensitivity=max_sensitivity,
        granted_at=now,
        expires_at=expires_at,
    )
    _clean(consent)
    consent.save()
    logger.info(
        "licenses.consent.granted reference=%s types=%s", consent.reference, ",".join(consent.type_codes)
    )
    return consent


def revoke_consent(*, consent: Consent, holder: User, reason: str = "") -> Consent:
    """Revoke at once: every later read is refused here. The partner nodes it was sent to are kept in
    ``pending_remote_revocations``; ``consent_revoked`` lets the gateway tell them once this commits
    (``licenses.gateway.revocations``), and the retry job tells those that could not be reached."""
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        if consent.holder_user_id is None or consent.holder_user_id != getattr(holder, "pk", None):
            raise ConsentNotFound("未找到该授权")
        if consent.state == ConsentState.REVOKED:
            return consent
        consent.revoked_at = timezone.now()
        consent.revoked_reason = (reason or "持证人撤回")[:200]
        consent.pending_remote_revocations = list(consent.registered_with)
        consent.save(update_fields=["revoked_at", "revoked_reason", "pending_remote_revocations"])
        consent_revoked.send(sender=Consent, consent=consent)
    return consent


def note_registered_with(*, consent: Consent, node: PartnerNode) -> None:
    with transaction.atomic():
        locked = Consent.objects.select_for_update().get(pk=consent.pk)
        if node.code not in locked.registered_with:
            locked.registered_with = [*locked.registered_with, node.code]
            locked.save(update_fields=["registered_with"])
            consent.registered_with = locked.registered_with


def _parse_terms(terms: dict) -> dict:
    try:
        reference = uuid.UUID(str(terms["reference"]))
        fields = {str(code): sorted(str(k) for k in keys) for code, keys in dict(terms["fields"]).items()}
        granted_at = datetime.fromisoformat(str(terms["granted_at"]))
        expires_at = datetime.fromisoformat(str(terms["expires_at"]))
        purpose = str(terms["purpose"]).strip()
        holder_code = str(terms["holder_code"]).strip().upper()
        holder_code_type = str(terms.get("holder_code_type", ""))
        grantee_name = str(terms.get("grantee_name", ""))[:100]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise PartnerError("用证授权信息不完整或格式错误") from error
    if not purpose or len(purpose) > 200 or timezone.is_naive(granted_at) or timezone.is_naive(expires_at):
        raise PartnerError("用证授权信息不完整或格式错误")
    return {
        "reference": reference,
        "fields": fields,
        "granted_at": granted_at,
        "expires_at": expires_at,
        "purpose": purpose,
        "holder_code": holder_code,
        "holder_code_type": holder_code_type,
        "grantee_name": grantee_name,
    }


@transaction.atomic
def register_partner_consent(*, node: PartnerNode, terms: dict) -> Consent:
    """Store (once) the consent a partner node's holder granted; later calls must carry the same terms.
    A revoked copy stays revoked: the partner cannot re-open it by sending the terms again."""
    parsed = _parse_terms(terms)
    existing = (
        Consent.objects.select_for_update().filter(origin_node=node, reference=parsed["reference"]).first()
    )
    if existing is None:
        consent = Consent(origin_node=node, **parsed, max_sensitivity=4)
        try:
            _clean(consent)
            with transaction.atomic():
                consent.save()
            return consent
        except (InvalidLicenseData, IntegrityError):
            # two first calls with the same consent at once: the other one stored it; compare with that
            existing = (
                Consent.objects.select_for_update()
                .filter(origin_node=node, reference=parsed["reference"])
                .first()
            )
            if existing is None:
                raise
    same = (
        existing.holder_code == parsed["holder_code"]
        and existing.fields == parsed["fields"]
        and existing.purpose == parsed["purpose"]
        and existing.expires_at == parsed["expires_at"]
    )
    if not same:
        raise PartnerError("同一授权编号的授权内容与登记时不一致")
    return existing


@transaction.atomic
def revoke_partner_consent(*, node: PartnerNode, reference: str, reason: str = "") -> Consent:
    try:
        ref = uuid.UUID(str(reference))
    except ValueError as error:
        raise ConsentNotFound("未找到该授权") from error
    consent = Consent.objects.select_for_update().filter(origin_node=node, reference=ref).first()
    if consent is None:
        raise ConsentNotFound("未找到该授权")
    if consent.revoked_at is None:
        consent.revoked_at = timezone.now()
        consent.revoked_reason = (reason or "持证人撤回")[:200]
        consent.save(update_fields=["revoked_at", "revoked_reason"])
    return consent
