"""A license that is revoked, expired or not the applicant's falls back to upload with the failed check
named; a registry that does not answer makes the case wait (等待证照核验) and try again, then fall back to
upload after ``CASE_FETCH_MAX_ATTEMPTS`` — never silently dropped, never stuck without a reason."""

import pytest
from django.core.cache import cache

from licenses.demo import LIMING_GANSU
from licenses.models import ELicense, PartnerNode
from licenses.services import revoke_license
from tests.workflows.api import client_for, detail, post, start
from tests.workflows.conftest import MARRIAGE
from workflows.demo_runner import applicant_user
from workflows.models import Case, FetchState
from workflows.services import fetching, starting

pytestmark = pytest.mark.django_db
EMPLOYMENT = "630000-RS-0003"  # 就业创业证申领: fetches the 居民身份证


def test_a_license_revoked_after_resolution_falls_back_to_upload_naming_the_check(demo, run):
    client = client_for(demo.zhangsan)
    case = run(
        start, client=client, code=MARRIAGE, answers={"previously_divorced": False, "partner_id": demo.LISI}
    )
    hukou = ELicense.objects.get(holder_code=demo.zhangsan.holder_code, license_type__name="户口簿")
    revoke_license(license=hukou, reason="户口迁出，注销原户口簿")  # between resolution and the fetch
    run(post, client=client, path=f"/api/v1/cases/{case['id']}/consent/", body={"accept": True})
    shown = detail(client, case["id"])
    row = next(r for r in shown["licenses"] if r["name"] == "户口簿")
    assert row["fetch_state"] == "fallback" and row["effective_mode"] == "upload"
    assert "户口簿核验未通过" in row["fallback_reason"] and "吊销" in row["fallback_reason"]
    assert "material:1" not in [m["key"] for m in shown["awaited"]["missing_uploads"]]
    assert any(
        m["name"] == "户口簿" for m in shown["awaited"]["missing_uploads"]
    )  # asked for as an upload instead


def test_another_persons_license_is_never_used(demo, run):
    """The consent names the applicant: a license whose holder differs is refused by the gateway itself."""
    case = run(
        starting.start_case,
        service_code=MARRIAGE,
        applicant=demo.zhangsan,
        answers={"previously_divorced": False, "partner_id": demo.LISI},
    )
    lisi_id = ELicense.objects.get(
        holder_code=demo.LISI, license_type__name="居民身份证"
    ).current_version.identifier
    case.licenses.filter(license_type__name="居民身份证").update(identifier=lisi_id)
    from licenses.gateway import services as gateway

    run(starting.answer_consent, case=case, user=demo.zhangsan, accept=True)
    case.refresh_from_db()
    basis = fetching._basis(case)
    read = gateway.retrieve(
        identifier=lisi_id, fields=["name"], basis=basis, user=fetching.system_reader(case.department)
    )
    assert read.status == "denied" and "持证人" in read.message


@pytest.fixture
def unreachable_partner(db):
    cache.clear()  # the circuit breaker's state
    PartnerNode.objects.create(
        code="gs",
        name="甘肃省电子证照库",
        base_url="http://127.0.0.1:9/",
        region_codes=["620000"],
        connect_timeout=0.2,
        read_timeout=0.2,
        max_retries=0,
    )
    yield
    cache.clear()


def test_a_registry_that_does_not_answer_makes_the_case_wait_with_the_reason_shown(
    demo, unreachable_partner, django_capture_on_commit_callbacks
):
    liming = applicant_user(LIMING_GANSU)  # a Gansu citizen: his ID card is served by the Gansu node
    with django_capture_on_commit_callbacks(execute=False):  # no worker: the fetch is tried once, by hand
        case = starting.start_case(
            service_code=EMPLOYMENT, applicant=liming, answers={"employment_status": "创业"}
        )
        starting.answer_consent(case=case, user=liming, accept=True)
    assert fetching.fetch_licenses(case=Case.objects.get(pk=case.pk)) is False
    status = client_for(liming).get(f"/api/v1/cases/{case.pk}/status/").json()
    assert status["state"] == "verifying" and status["activity"].startswith("等待证照核验")
    assert (
        status["licenses"][0]["fetch_state"] == "waiting"
        and status["licenses"][0]["fetch_state_label"] == "等待证照核验"
    )
    assert fetching.retry_delay(case=case) > 0


def test_after_the_attempt_limit_the_license_falls_back_to_upload_and_the_case_goes_on(
    demo, unreachable_partner, run, settings
):
    settings.CASE_FETCH_MAX_ATTEMPTS = 3
    liming = applicant_user(LIMING_GANSU)
    case = run(
        starting.start_case, service_code=EMPLOYMENT, applicant=liming, answers={"employment_status": "创业"}
    )
    run(starting.answer_consent, case=case, user=liming, accept=True)
    case.refresh_from_db()
    row = case.licenses.get(license_type__name="居民身份证")
    assert case.state == "filling" and row.fetch_state == FetchState.FALLBACK and row.attempts == 3
    assert row.fallback_reason == "证照库暂时无法访问（已尝试 3 次），请上传居民身份证"
    assert case.events.filter(action="fetch_waiting").count() == 2
