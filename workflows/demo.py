"""Demo data of cases (``load_demo``): a handler for 市场监管 besides 民政's, and a few cases in each state,
so that the demo handlers' queues and the demo applicants' case lists are not empty on first login."""

from django.contrib.auth.models import Group

from accounts.demo import DEFAULT_DEMO_PASSWORD
from accounts.models import User
from accounts.roles import HANDLER
from catalogs import demo as catalog_demo

STAFF = [("handler_sj", "李审批", "SJ")]


def load_staff() -> list[User]:
    import os

    users = []
    for username, real_name, department in STAFF:
        user, created = User.objects.get_or_create(username=username)
        user.real_name, user.department, user.is_staff = real_name, catalog_demo.department(department), True
        if created:
            user.set_password(os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD))
        user.full_clean()
        user.save()
        user.groups.set([Group.objects.get(name=HANDLER)])
        users.append(user)
    return users


def load(stdout=None) -> dict:
    # no outer transaction: each step commits, so the background steps it sends run as they would in production
    load_staff()
    from workflows.demo_cases import load_cases

    counts = load_cases()
    if stdout is not None:
        stdout.write("办件：" + "，".join(f"{label} {n} 件" for label, n in counts.items()))
    return counts
