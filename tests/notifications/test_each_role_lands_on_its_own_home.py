"""/ shows each role where it starts: an applicant 办事 (guide, my cases, wallet), a handler their department's
queue with counts of that department only, policy staff catalogs and rules, an auditor the access log and the
archive checks, a visitor the public home. Pages of apps not installed yet are shown, unlinked."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from notifications.services import notify

pytestmark = pytest.mark.django_db


def home_of(user) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def exists(name: str) -> bool:
    try:
        reverse(name)
        return True
    except NoReverseMatch:
        return False


def test_a_visitor_sees_the_public_home_and_a_login(db):
    page = home_of(None)
    assert "发证清单" in page and "用证清单" in page and 'href="/accounts/login/"' in page
    assert "我的工作台" not in page and "我的办件" not in page
    assert 'href="/portal/">办事指南' in page  # the guide is public: a visitor may read it before logging in


def test_an_applicant_lands_on_services_and_their_cases(demo):
    page = home_of(demo.zhangsan)
    assert "办事" in page and "办事指南" in page and "我的办件" in page
    assert 'href="/wallet/"' in page
    if exists("portal:guide"):
        assert f'href="{reverse("portal:guide")}"' in page
    else:
        assert "（页面即将开放）" in page
    assert "我的工作台" not in page and "用证记录" not in page


def test_an_applicant_sees_their_unread_messages_on_the_home_page(demo):
    notify(recipient=demo.zhangsan, kind="decided", key="h:1", title="办件已办结：准予", body="…")
    notify(recipient=demo.lisi, kind="decided", key="h:2", title="李四的消息", body="…")
    page = home_of(demo.zhangsan)
    assert "未读消息" in page and "办件已办结：准予" in page and "李四的消息" not in page


def test_a_handler_lands_on_their_queue_with_their_departments_counts_only(demo, run):
    from tests.notifications.helpers import submitted_enterprise

    submitted_enterprise(demo, run)  # one 市场监管 case waiting in the queue
    sj, mz = home_of(demo.handler_sj), home_of(demo.handler_mz)
    assert "我的工作台" in sj and "本部门待受理" in sj
    assert '<span class="tile-count">1</span>' in sj
    assert '<span class="tile-count">1</span>' not in mz  # 民政 sees none of 市场监管's
    assert "办事指南" not in sj


def test_policy_staff_land_on_catalogs_and_rules(demo):
    from accounts.models import User

    page = home_of(User.objects.get(username="policy"))
    assert "目录与规则" in page
    assert f'href="{reverse("admin:catalogs_serviceitem_changelist")}"' in page
    assert f'href="{reverse("admin:rules_ruleset_changelist")}"' in page
    assert "我的工作台" not in page


def test_an_auditor_lands_on_the_access_log_and_the_archive_checks(demo):
    page = home_of(demo.auditor)
    assert "监管审计" in page
    assert f'href="{reverse("admin:licenses_accesslogentry_changelist")}"' in page
    assert f'href="{reverse("admin:licenses_accesslogentry_checks")}"' in page
    assert f'href="{reverse("admin:archives_archivepackage_changelist")}"' in page
    assert "办事指南" not in page
