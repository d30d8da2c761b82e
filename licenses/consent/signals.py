"""What the consent layer announces to the layers above it (it calls none of them)."""

from django.dispatch import Signal

# sent inside the transaction that revokes a consent, with ``consent=``; the gateway pushes the revocation
# to the partner nodes in ``consent.pending_remote_revocations`` once that transaction commits
consent_revoked = Signal()
