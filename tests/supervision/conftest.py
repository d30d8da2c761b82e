"""Generated cases on PostgreSQL (supervision.generate) for the statistics tests: the demo catalog, a fixed
"today", and the deadline job run over them, as in production."""

from datetime import date

import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import AUDITOR
from tests.workflows.conftest import demo, run, world  # noqa: F401  (the demo world, for end-to-end tests here)

TODAY = date(2026, 6, 17)  # a Wednesday


@pytest.fixture
def catalog(db):
    from catalogs import demo as catalog_demo

    catalog_demo.load()


@pytest.fixture
def generated(catalog):
    from supervision.generate import generate
    from supervision.services import flag_deadlines

    def make(count: int, seed: int = 7):
        report = generate(count=count, seed=seed, today=TODAY, months=14)
        flag_deadlines(on=TODAY)
        return report

    return make


@pytest.fixture
def auditor(db):
    user = User.objects.create_user(username="auditor-t", password="x", real_name="监管员")
    user.groups.add(Group.objects.get(name=AUDITOR))
    return user
