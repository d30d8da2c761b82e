"""A window case: the handler records the consent given in person, so the walk-in applicant is not asked for it
in the inbox; the decision and the rating invitation still reach the applicant's own account only."""

import pytest

from accounts.models import User
from licenses.demo import CAIRANGCUO
from notifications.models import Message, MessageKind
from tests.workflows.api import client_for, post, upload_missing
from tests.workflows.conftest import File

pytestmark = pytest.mark.django_db


def test_the_walk_in_applicant_gets_the_decision_and_no_consent_request(demo, run):
    window = client_for(demo.handler_mz)
    body = {
        "service_code": "630000-MZ-0002",
        "holder_code": CAIRANGCUO,
        "real_name": "才让措",
        "answers": {"retired": False},
    }
    case = run(post, client=window, path="/api/v1/cases/window/", body=body, expect=201)
    run(
        window.post,
        path=f"/api/v1/cases/{case['id']}/consent/",
        data={"accept": "true", "signed_form": File(name="授权书.pdf")},
        format="multipart",
    )
    run(upload_missing, client=window, case_id=case["id"])
    run(
        post,
        client=window,
        path=f"/api/v1/cases/{case['id']}/submit/",
        body={"data": {"phone": "13800000000"}},
    )
    applicant = User.objects.get(holder_code=CAIRANGCUO)
    told = sorted(Message.objects.filter(recipient=applicant).values_list("kind", flat=True))
    assert told == sorted([MessageKind.DECIDED, MessageKind.RATING_INVITED])
    assert not Message.objects.exclude(recipient=applicant).exists()  # not the window handler, nobody else
