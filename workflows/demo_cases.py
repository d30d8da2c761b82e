"""A few demo cases in each state (idempotent: nothing is added once any case exists).

民政 (handler_mz, 城东区民政局) and 市场监管 (handler_sj) each find cases waiting in their queue; 王芳's
生育登记 went through at once and is rated; 马建国's 婚姻登记 was refused (he is married) and rated poorly,
which opened a rectification; 李四 left a 生育登记 unfinished and withdrew another.
"""

from accounts.models import User
from licenses import demo as people
from workflows.demo_runner import DEMO_PDF, DemoFile, applicant_user, drain, form_data, upload_missing
from workflows.models import Case, CaseState
from workflows.services import filling, rating, review, starting, withdrawal

MARRIAGE, BIRTH_REG, ENTERPRISE, ELDER = (
    "630000-MZ-0001",
    "630000-WJ-0001",
    "630000-SJ-0001",
    "630000-MZ-0002",
)


def _submitted(code: str, holder: str, answers: dict) -> Case:
    user = applicant_user(holder)
    case = starting.start_case(service_code=code, applicant=user, answers=answers)
    if case.state == CaseState.AWAITING_CONSENT:
        case = drain(starting.answer_consent(case=case, user=user, accept=True))
    upload_missing(case, user)
    return drain(filling.submit(case=case, user=user, data=form_data(case)))


def load_cases() -> dict[str, int]:
    if Case.objects.exists():
        return {}

    handler_mz, handler_sj = User.objects.get(username="handler_mz"), User.objects.get(username="handler_sj")

    # 王芳: 生育登记, decided at once (秒批) and rated
    done = _submitted(BIRTH_REG, people.WANGFANG, {"child_order": 1})
    rating.rate_case(case=done, user=done.applicant, level=5, comment="全程网办，没有跑腿")

    # 赵敏: 婚姻登记 with an expired ID card: uploaded instead, waiting in 民政's queue
    _submitted(MARRIAGE, people.ZHAOMIN, {"previously_divorced": True, "partner_id": people.MAJIANGUO})

    # 李四: 婚姻登记, previously divorced without an e-licence of it: claimed by 马晓梅, in review
    in_review = _submitted(
        MARRIAGE, people.LISI, {"previously_divorced": True, "partner_id": people.ZHANGSAN}
    )
    review.claim(case=in_review, user=handler_mz)

    # 马建国: 婚姻登记 refused (already married), rated poorly → rectification for 民政
    refused = _submitted(
        MARRIAGE, people.MAJIANGUO, {"previously_divorced": False, "partner_id": people.ZHAOMIN}
    )
    if refused.state == CaseState.AWAITING_ACCEPTANCE:
        review.claim(case=refused, user=handler_mz)
        refused = drain(
            review.reject(
                case=refused,
                user=handler_mz,
                reasons="经婚姻登记信息系统核查，申请人现有婚姻关系尚未解除，不符合《民法典》第一千零四十二条的规定",
            )
        )
        rating.rate_case(
            case=refused, user=refused.applicant, level=2, comment="希望网上提交前就能提示不符合条件"
        )

    # 青海高原乳业 (王五): 企业设立登记 waiting for 市场监管
    _submitted(ENTERPRISE, people.QIYE, {"registered_capital": "500", "entity_type": "有限责任公司"})

    # 西宁城东建筑: 企业设立登记, asked once for everything missing (一次性告知)
    supplement = _submitted(
        ENTERPRISE, people.BUILDER, {"registered_capital": "2000", "entity_type": "有限责任公司"}
    )
    review.claim(case=supplement, user=handler_sj)
    review.request_supplement(
        case=supplement,
        user=handler_sj,
        items=[
            {"key": "material:1", "reason": "公司章程未经全体股东签字"},
            {"key": "material:2", "reason": "住所使用证明的房产坐落与申请书填写的住所不一致"},
        ],
    )

    # 才让措: 老年人证申领 at the window (保留传统服务方式)
    window = starting.window_applicant(holder_code=people.CAIRANGCUO, real_name="才让措", handler=handler_mz)
    case = starting.start_case(
        service_code=ELDER,
        applicant=window,
        answers={"retired": False},
        channel="window",
        window_handler=handler_mz,
    )
    if case.state == CaseState.AWAITING_CONSENT:
        starting.record_window_consent_form(
            case=case, user=handler_mz, uploaded_file=DemoFile(DEMO_PDF, "授权书.pdf")
        )
        drain(starting.answer_consent(case=case, user=handler_mz, accept=True, channel="window"))

    # 李四: 生育登记 started and left waiting for her consent; another withdrawn
    lisi = applicant_user(people.LISI)
    starting.start_case(service_code=BIRTH_REG, applicant=lisi, answers={"child_order": 1})
    withdrawn = starting.start_case(service_code=BIRTH_REG, applicant=lisi, answers={"child_order": 2})
    withdrawal.withdraw(case=withdrawn, user=lisi, reason="信息填错，重新申请")

    counts: dict[str, int] = {}
    for case in Case.objects.all():
        label = case.get_state_display()
        counts[label] = counts.get(label, 0) + 1
    return counts
