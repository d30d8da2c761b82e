"""Reads of the access log: the holder's usage record (only their own), auditors' full view."""

from django.db.models import QuerySet

from accounts.models import User
from licenses.models import AccessLogEntry


def access_history_of_holder(*, user: User, include_own: bool = True) -> QuerySet:
    """Every read of the signed-in holder's licenses ("who read my licenses"), newest first; without
    ``include_own`` the holder's own views (wallet, own API) are left out."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "holder_code", ""):
        return AccessLogEntry.objects.none()
    entries = AccessLogEntry.objects.filter(holder_code=user.holder_code)
    if not include_own:
        entries = entries.exclude(actor_id=user.pk)
    return entries.order_by("-seq")


def access_log_visible_to(*, user: User) -> QuerySet:
    if not getattr(user, "is_authenticated", False):
        return AccessLogEntry.objects.none()
    if user.is_superuser or user.has_perm("licenses.view_accesslogentry"):
        return AccessLogEntry.objects.select_related("node").order_by("-seq")
    return AccessLogEntry.objects.none()
