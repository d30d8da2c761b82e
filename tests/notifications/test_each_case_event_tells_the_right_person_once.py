"""Each moment a case needs someone produces exactly one message, to that person only: the applicant for
consent, the 一次性告知 supplement notice (everything listed at once), the decision and the rating invitation;
the department's handlers for a new case in their queue, the reviewer for a resubmission. E-mail goes through
Django's mail backend (locmem in tests), SMS through the configured provider."""

import pytest
from django.core import mail

from notifications.models import Delivery, DeliveryState, Message, MessageKind
from tests.notifications.helpers import SUPPLEMENT, instant_marriage, reachable, submitted_enterprise
from tests.workflows.api import client_for, post, upload_missing

pytestmark = pytest.mark.django_db


def kinds_of(user) -> list[str]:
    return sorted(Message.objects.filter(recipient=user).values_list("kind", flat=True))


def test_an_instant_case_tells_its_applicant_of_consent_decision_and_rating_and_nobody_else(demo, run):
    case_id = instant_marriage(demo, run)
    assert kinds_of(demo.zhangsan) == sorted(
        [MessageKind.CONSENT_NEEDED, MessageKind.DECIDED, MessageKind.RATING_INVITED]
    )
    assert Message.objects.exclude(recipient=demo.zhangsan).count() == 0  # 李四 (the spouse) is not told
    decided = Message.objects.get(recipient=demo.zhangsan, kind=MessageKind.DECIDED)
    assert decided.title == "办件已办结：准予" and decided.case_id == case_id
    assert "电子证照夹" in decided.body  # the 结婚证 was issued at once
    consent = Message.objects.get(recipient=demo.zhangsan, kind=MessageKind.CONSENT_NEEDED)
    assert "授权" in consent.title and "居民身份证" in consent.body


def test_the_applicant_is_told_by_email_and_sms_where_they_can_be_reached(demo, run):
    reachable(demo.zhangsan, email="zhangsan@example.cn", phone="13800000001")
    instant_marriage(demo, run)
    subjects = sorted(m.subject for m in mail.outbox)
    assert len(mail.outbox) == 3 and all(m.to == ["zhangsan@example.cn"] for m in mail.outbox)
    assert "【免证办】办件已办结：准予" in subjects
    sms = Delivery.objects.filter(channel="sms")
    assert sms.count() == 3 and set(sms.values_list("state", flat=True)) == {DeliveryState.SENT}
    assert set(sms.values_list("address", flat=True)) == {"13800000001"}


def test_a_person_who_opted_out_of_sms_gets_no_sms(demo, run):
    reachable(demo.zhangsan, email="", phone="13800000001")
    demo.zhangsan.contact.by_sms = False
    demo.zhangsan.contact.save()
    instant_marriage(demo, run)
    assert Message.objects.filter(recipient=demo.zhangsan).count() == 3  # the inbox always
    assert Delivery.objects.count() == 0 and mail.outbox == []


def test_a_new_case_in_the_queue_tells_that_departments_handlers_only(demo, run):
    _applicant, case_id = submitted_enterprise(demo, run)
    queued = Message.objects.filter(kind=MessageKind.CASE_QUEUED)
    assert list(queued.values_list("recipient__username", flat=True)) == ["handler_sj"]
    assert kinds_of(demo.handler_mz) == []  # 民政 is not told of 市场监管's case
    assert kinds_of(demo.qiye) == []  # nothing awaited from the applicant yet
    assert queued.get().case_id == case_id and "青海省市场监督管理局待办" in queued.get().body


def test_a_supplement_notice_lists_everything_at_once_and_the_resubmission_tells_the_reviewer(demo, run):
    applicant, case_id = submitted_enterprise(demo, run)
    handler = client_for(demo.handler_sj)
    run(post, client=handler, path=f"/api/v1/cases/{case_id}/claim/")
    run(post, client=handler, path=f"/api/v1/cases/{case_id}/request-supplement/", body=SUPPLEMENT)
    notice = Message.objects.get(kind=MessageKind.SUPPLEMENT_REQUESTED)
    assert notice.recipient == demo.qiye and notice.title == "请补正材料（一次性告知）"
    assert "全部 2 项" in notice.body
    assert "公司章程：章程未签字" in notice.body and "股东会决议：清单外材料，需补充" in notice.body
    run(upload_missing, client=applicant, case_id=case_id)
    run(post, client=applicant, path=f"/api/v1/cases/{case_id}/resubmit/")
    back = Message.objects.get(kind=MessageKind.SUPPLEMENT_RECEIVED)
    assert back.recipient == demo.handler_sj and "第 1 轮" in back.body
    run(post, client=handler, path=f"/api/v1/cases/{case_id}/approve/")
    assert kinds_of(demo.qiye) == sorted(
        [MessageKind.SUPPLEMENT_REQUESTED, MessageKind.DECIDED, MessageKind.RATING_INVITED]
    )
    assert Message.objects.get(kind=MessageKind.DECIDED).title == "办件已办结：准予"
    assert Message.objects.exclude(recipient__in=[demo.qiye, demo.handler_sj]).count() == 0


def test_a_rejection_tells_the_applicant_why(demo, run):
    _applicant, case_id = submitted_enterprise(demo, run)
    handler = client_for(demo.handler_sj)
    run(post, client=handler, path=f"/api/v1/cases/{case_id}/claim/")
    run(
        post,
        client=handler,
        path=f"/api/v1/cases/{case_id}/reject/",
        body={"reasons": "经营范围涉及前置审批"},
    )
    decided = Message.objects.get(kind=MessageKind.DECIDED)
    assert decided.recipient == demo.qiye and decided.title == "办件已办结：不予"
    assert "经营范围涉及前置审批" in decided.body


def test_seeing_the_same_event_again_adds_no_second_message(demo, run):
    from notifications.triggers import handle_event
    from workflows.models import CaseEvent

    case_id = instant_marriage(demo, run)
    before = Message.objects.count()
    for event in CaseEvent.objects.filter(case_id=case_id):
        handle_event(event.pk)
    assert Message.objects.count() == before == 3


def test_a_message_links_to_the_page_where_the_applicant_acts_when_the_portal_has_it(demo, run):
    from django.urls import NoReverseMatch, reverse

    case_id = instant_marriage(demo, run)
    links = dict(Message.objects.filter(recipient=demo.zhangsan).values_list("kind", "link"))
    try:
        expected = reverse("portal:consent", args=[case_id])
    except NoReverseMatch:
        expected = ""  # the portal is not installed in this tree: no link rather than a broken one
    assert links[MessageKind.CONSENT_NEEDED] == expected
