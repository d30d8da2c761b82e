"""Cases in each department's queue, made through the services as their applicants would."""

import io

from PIL import Image, ImageDraw

from tests.workflows.conftest import ENTERPRISE, ENTERPRISE_ANSWERS, File
from workflows.demo_runner import form_data
from workflows.models import Case, CaseState
from workflows.services import filling, starting

ELDER = "630000-MZ-0002"  # 老年人证申领, 城东区民政局 (handler_mz)
ENTERPRISE_FORM = {
    "company_name": "青海高原乳业有限公司",
    "capital": "100",
    "address": "西宁市城北区生物园区经二路6号",
    "scope": "乳制品生产、销售",
    "phone": "13800000000",
    "legal_rep": "马建国",
}


def photo_png() -> bytes:
    """A small portrait-shaped PNG that a browser really draws (the page's preview shows it)."""
    image = Image.new("RGB", (150, 200), (214, 228, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((45, 30, 105, 95), fill=(120, 90, 70))
    draw.rectangle((30, 110, 120, 200), fill=(40, 60, 110))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def submitted(run, *, user, code: str, answers: dict, data=None) -> Case:
    case = run(starting.start_case, service_code=code, applicant=user, answers=answers)
    if case.state == CaseState.AWAITING_CONSENT:
        case = run(starting.answer_consent, case=case, user=user, accept=True)
        case.refresh_from_db()  # the fetch ran after the service returned
    for material in filling.missing_uploads(case):
        filling.add_upload(
            case=case, user=user, material_key=material.key, uploaded_file=File(photo_png(), "材料.png")
        )
    run(filling.submit, case=case, user=user, data=data if data is not None else form_data(case))
    case.refresh_from_db()
    return case


def enterprise_case(demo, run) -> Case:
    """王五's 企业设立登记 for 青海高原乳业, waiting in 市场监管's queue."""
    return submitted(
        run,
        user=demo.qiye,
        code=ENTERPRISE,
        answers=ENTERPRISE_ANSWERS,
        data={**ENTERPRISE_FORM, "legal_rep_id": demo.MAJIANGUO},
    )


def elder_case(demo, run) -> Case:
    """张三 (under 60) applies for 老年人证: to be checked by 民政's handler, so it waits in 民政's queue."""
    return submitted(run, user=demo.zhangsan, code=ELDER, answers={"retired": False})
