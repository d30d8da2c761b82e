import pytest
from django.contrib.auth.models import Group, Permission

from accounts.roles import ROLE_LABELS, declared_permissions

pytestmark = pytest.mark.django_db


def test_every_permission_an_app_declares_for_a_role_exists():
    existing = {
        f"{app}.{codename}"
        for app, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }
    missing = {
        role: sorted(perms - existing) for role, perms in declared_permissions().items() if perms - existing
    }
    assert missing == {}


def test_each_role_group_holds_exactly_its_declared_permissions():
    for role, perms in declared_permissions().items():
        group = Group.objects.get(name=role)
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert held == perms, role
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLE_LABELS)


def test_only_policy_staff_may_change_catalogs():
    holders = {
        role for role, perms in declared_permissions().items() if "catalogs.change_serviceitem" in perms
    }
    assert holders == {"policy_staff"}
