"""Reads of consents: a holder sees only their own; staff see those granted to their department."""

from django.db.models import Q, QuerySet

from accounts.models import User
from catalogs.models import Department
from licenses.models import Consent


def consents_of_holder(*, user: User) -> QuerySet:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "holder_code", ""):
        return Consent.objects.none()
    return Consent.objects.filter(holder_user=user, origin_node__isnull=True).select_related(
        "grantee_department", "service_item"
    )


def consents_granted_to(*, user: User) -> QuerySet:
    """Consents the user's department may use (handlers' list; holder codes are masked there)."""
    if not getattr(user, "is_authenticated", False) or not user.has_perm("licenses.use_gateway"):
        return Consent.objects.none()
    if user.is_superuser:
        return Consent.objects.all()
    if not user.department_id:
        return Consent.objects.none()
    return Consent.objects.filter(grantee_department_id=user.department_id, origin_node__isnull=True)


def consent_grantee_departments() -> QuerySet:
    """Departments a holder may authorise: those with staff who read licenses through the gateway (a consent
    to any other department could never be used)."""

    may_read = Q(staff__is_active=True) & (
        Q(
            staff__groups__permissions__codename="use_gateway",
            staff__groups__permissions__content_type__app_label="licenses",
        )
        | Q(
            staff__user_permissions__codename="use_gateway",
            staff__user_permissions__content_type__app_label="licenses",
        )
    )
    return (
        Department.objects.filter(may_read)
        .distinct()
        .select_related("region")
        .order_by("region__code", "name")
    )
