"""Telling partner nodes that a consent they hold was revoked: pushed once the revocation commits, and
retried by ``licenses.push_pending_revocations`` for the nodes that could not be reached."""

from django.db import transaction
from django.dispatch import receiver

from licenses.consent.signals import consent_revoked
from licenses.models import Consent, PartnerNode

from .providers.remote import RemoteRegistryClient


def push_revocations(*, consent: Consent) -> list[str]:
    """Tell each partner node in ``pending_remote_revocations``; returns the codes still pending."""
    still = []
    for code in consent.pending_remote_revocations:
        node = PartnerNode.objects.filter(code=code).first()
        if node is None:
            continue
        if not RemoteRegistryClient(node).revoke_consent(
            reference=str(consent.reference), reason=consent.revoked_reason
        ):
            still.append(code)
    Consent.objects.filter(pk=consent.pk).update(pending_remote_revocations=still)
    consent.pending_remote_revocations = still
    return still


@receiver(consent_revoked, dispatch_uid="licenses.gateway.push_revocations")
def push_on_commit(sender, *, consent: Consent, **kwargs) -> None:
    if consent.pending_remote_revocations:
        transaction.on_commit(lambda: push_revocations(consent=consent))
