"""Every portal page, with the elderly mode (大字版) on, passes axe (no serious or critical violation), loads
nothing from outside the app and does not scroll sideways on a 390×844 phone: the guide, an item, 我需要准备什么,
a case waiting for consent, the verification status, the pre-filled form, the withdraw confirmation, 我的办件
and a supplement notice. The cases are put in each state by the case services, as the flow would."""

import io

import pytest

from tests.browser.checks import assert_accessible, assert_offline_ok, offline
from tests.browser.portal_steps import DEMO_PASSWORD, ENTERPRISE, MARRIAGE, PDF, login
from tests.workflows.conftest import ENTERPRISE_ANSWERS, load_world

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


class _File(io.BytesIO):
    def __init__(self, name: str):
        super().__init__(PDF)
        self.name, self.size = name, len(PDF)


@pytest.fixture
def cases(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CELERY_TASK_ALWAYS_EAGER = True
    load_world()
    from accounts.models import User
    from licenses import demo as licenses_demo
    from workflows.services import filling, review, starting

    zhangsan, qiye, handler = (User.objects.get(username=u) for u in ("zhangsan", "qiye", "handler_sj"))
    answers = {"previously_divorced": False, "partner_id": licenses_demo.LISI}
    waiting = starting.start_case(service_code=MARRIAGE, applicant=zhangsan, answers=answers)
    filling_case = starting.start_case(service_code=MARRIAGE, applicant=zhangsan, answers=answers)
    starting.answer_consent(case=filling_case, user=zhangsan, accept=True)
    enterprise = starting.start_case(service_code=ENTERPRISE, applicant=qiye, answers=ENTERPRISE_ANSWERS)
    for material in filling.required_uploads(enterprise):
        filling.add_upload(
            case=enterprise, user=qiye, material_key=material.key, uploaded_file=_File(f"{material.name}.pdf")
        )
    form = {
        "legal_rep": "王五",
        "legal_rep_id": "630102198507164517",
        "company_name": "青海草原科技有限公司",
        "capital": "100",
        "address": "西宁市城西区五四西路 1 号",
        "scope": "乳制品技术开发",
        "phone": "13900000000",
    }
    filling.submit(case=enterprise, user=qiye, data=form)
    review.claim(case=enterprise, user=handler)
    review.request_supplement(
        case=enterprise, user=handler, items=[{"key": "material:1", "reason": "章程未经全体股东签字"}]
    )
    return {"waiting": waiting.pk, "filling": filling_case.pk, "supplement": enterprise.pk}


def _check(phone, live_server, path: str, heading: str) -> None:
    phone.goto(f"{live_server.url}{path}")
    phone.get_by_role("heading", name=heading).first.wait_for()
    assert phone.evaluate("document.body.classList.contains('elderly')"), f"{path}: not in the elderly mode"
    assert_accessible(phone)
    assert_offline_ok(phone)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} scrolls sideways ({width}px)"


def test_every_portal_page_in_the_elderly_mode_passes_axe_offline_on_a_phone(phone, live_server, cases):
    offline(phone, live_server)
    phone.goto(f"{live_server.url}/portal/")
    phone.get_by_role("button", name="大字版").click()  # the switch, remembered for the next pages
    phone.wait_for_selector("body.elderly")
    _check(phone, live_server, "/portal/", "办事指南")
    _check(phone, live_server, f"/portal/items/{MARRIAGE}/", "内地居民婚姻登记")

    login(phone, live_server, "zhangsan", password=DEMO_PASSWORD)
    _check(
        phone,
        live_server,
        f"/portal/items/{MARRIAGE}/prepare/?q-previously_divorced=false&q-partner_id=630103199203152468",
        "按您的情况，需要的材料",
    )
    _check(phone, live_server, f"/portal/cases/{cases['waiting']}/", "授权调取电子证照")
    _check(phone, live_server, f"/portal/cases/{cases['filling']}/progress/", "调取并核验电子证照")
    _check(phone, live_server, f"/portal/cases/{cases['filling']}/", "内地居民婚姻登记申请表")
    _check(phone, live_server, f"/portal/cases/{cases['filling']}/withdraw/", "撤回申请")
    _check(phone, live_server, "/portal/cases/", "我的办件")

    phone.get_by_role("button", name="退出").click()
    login(phone, live_server, "qiye", password=DEMO_PASSWORD)
    _check(phone, live_server, f"/portal/cases/{cases['supplement']}/", "一次性告知：请补正以下全部材料")
    _check(phone, live_server, "/portal/cases/", "我的办件")
