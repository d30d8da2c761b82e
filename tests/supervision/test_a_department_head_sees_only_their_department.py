"""Statistics, the overdue list and rectifications: auditors see every department, a department head (marked in
supervision.DepartmentHead) only their own whatever they ask for, anyone else is refused with a reason."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import HANDLER
from supervision.models import DepartmentHead
from workflows.models import Case, Rectification

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _two_departments():
    counts = list(Case.objects.values_list("department_id", flat=True).order_by().distinct())
    assert len(counts) >= 2
    return counts[0], counts[1]


def _head_of(department_id: int) -> User:
    user = User.objects.create_user(
        username=f"head{department_id}", password="x", department_id=department_id
    )
    user.groups.add(Group.objects.get(name=HANDLER))
    DepartmentHead.objects.create(user=user, department_id=department_id)
    return user


def test_a_head_sees_their_departments_figures_even_when_asking_for_another(generated, client):
    generated(300, seed=9)
    mine, other = _two_departments()
    client.force_login(_head_of(mine))
    page = client.get(f"/supervision/?from=2020-01-01&department={other}")
    assert page.status_code == 200
    assert page.context["stats"].total.cases == Case.objects.filter(department_id=mine).count()
    assert {row.department_id for row in page.context["stats"].groups} == {mine}
    overdue = client.get(f"/supervision/overdue/?department={other}")
    assert {c.department_id for c in overdue.context["page"]} <= {mine}
    assert [d["department_id"] for d in overdue.context["per_department"]] in ([], [mine])
    rectifications = client.get(f"/supervision/rectifications/?department={other}")
    shown = {r.department_id for r in rectifications.context["page"]}
    assert shown == ({mine} if Rectification.objects.filter(department_id=mine).exists() else set())
    csv = client.get(f"/supervision/rectifications.csv?department={other}").content.decode("utf-8-sig")
    assert csv.count("\n") - 1 == Rectification.objects.filter(department_id=mine).count()


def test_an_auditor_may_pick_any_department(generated, auditor, client):
    generated(200, seed=4)
    _mine, other = _two_departments()
    client.force_login(auditor)
    page = client.get(f"/supervision/?from=2020-01-01&department={other}")
    assert page.context["stats"].total.cases == Case.objects.filter(department_id=other).count()
    everything = client.get("/supervision/?from=2020-01-01")
    assert everything.context["stats"].total.cases == 200


def test_a_handler_who_heads_nothing_is_refused_and_told_why(generated, client):
    generated(20, seed=2)
    department_id, _other = _two_departments()
    handler = User.objects.create_user(username="plain-handler", password="x", department_id=department_id)
    handler.groups.add(Group.objects.get(name=HANDLER))
    client.force_login(handler)
    for path in [
        "/supervision/",
        "/supervision/overdue/",
        "/supervision/rectifications/",
        "/supervision/statistics/groups.csv",
    ]:
        response = client.get(path)
        assert response.status_code == 403, path
    assert "部门负责人" in client.get("/supervision/").content.decode()


def test_nobody_signed_out_sees_a_figure(client, db):
    response = client.get("/supervision/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
