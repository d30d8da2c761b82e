"""Revoking a consent stops the very next read; reads made before keep their log entries."""

from licenses import gateway
from licenses.consent import revoke_consent
from licenses.models import AccessLogEntry

from .conftest import basis, grant


def test_the_read_after_revocation_is_refused(world):
    consent = grant(world)
    assert gateway.retrieve(
        identifier=world.identifier, fields=["name"], basis=basis(consent), user=world.handler
    ).ok
    revoke_consent(consent=consent, holder=world.holder)
    consent.refresh_from_db()
    result = gateway.retrieve(
        identifier=world.identifier, fields=["name"], basis=basis(consent), user=world.handler
    )
    assert result.status == "denied" and "撤回" in result.message


def test_earlier_reads_keep_their_audit_trail_after_revocation(world):
    consent = grant(world)
    gateway.retrieve(identifier=world.identifier, fields=["name"], basis=basis(consent), user=world.handler)
    revoke_consent(consent=consent, holder=world.holder)
    entries = AccessLogEntry.objects.filter(consent_reference=str(consent.reference))
    assert [e.result for e in entries] == ["granted"]


def test_the_holder_revokes_from_the_consents_page(client, world):
    consent = grant(world)
    client.force_login(world.holder)
    response = client.post(f"/wallet/consents/{consent.reference}/revoke/")
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.state == "revoked"
    result = gateway.retrieve(
        identifier=world.identifier, fields=["name"], basis=basis(consent), user=world.handler
    )
    assert result.status == "denied"


def test_someone_else_cannot_revoke_a_holders_consent(world):
    import pytest

    from licenses.errors import ConsentNotFound
    from tests.factories import UserFactory

    consent = grant(world)
    with pytest.raises(ConsentNotFound):
        revoke_consent(consent=consent, holder=UserFactory())
    consent.refresh_from_db()
    assert consent.revoked_at is None


def test_a_partner_that_could_not_be_told_is_retried_by_the_job(world, partner):
    from licenses.models import PartnerNode
    from licenses.tasks import push_pending_revocations_task

    consent = grant(world)
    PartnerNode.objects.filter(pk=partner.pk).update(
        base_url="http://127.0.0.1:9/", max_retries=0, connect_timeout=0.2
    )
    consent.registered_with = [partner.code]
    consent.save(update_fields=["registered_with"])
    revoke_consent(consent=consent, holder=world.holder)
    consent.refresh_from_db()
    assert consent.state == "revoked" and consent.pending_remote_revocations == ["gs"]
    assert push_pending_revocations_task() == 1  # still down: kept for the next run
