"""HTML and script typed into a case's free-text fields — the applicant's form, the handler's supplement reasons and
rejection reasons, the applicant's rating comment — are shown as text: escaped in every page that shows them and
printed literally in the PDFs (申请表, 一次性告知书, 决定书), never interpreted."""

import pytest

from tests.forms.support import pdf_text
from tests.workflows.api import client_for, post, start, upload_missing
from tests.workflows.conftest import ENTERPRISE, ENTERPRISE_ANSWERS
from workflows.models import Case, Rating

pytestmark = pytest.mark.django_db

ATTACK = '<script>alert("x")</script><img src=x onerror=alert(1)><b>重名</b>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&lt;b&gt;重名&lt;/b&gt;"
FORM = {
    "legal_rep": "马建国",
    "company_name": f"青海高原乳业有限公司{ATTACK}",
    "capital": "100",
    "address": f"西宁市城北区{ATTACK}",
    "scope": f"乳制品生产{ATTACK}",
    "phone": "13800000000",
}


def _flat(text: str) -> str:
    return "".join(text.split())  # pdftotext breaks long lines anywhere


def _pdf(case: Case, kind: str, tmp_path, round_: int = 0) -> str:
    document = case.documents.get(kind=kind, round=round_).document
    return _flat(pdf_text(document.pdf.read(), tmp_path))


@pytest.fixture
def rejected(demo, run):
    applicant = client_for(demo.qiye)
    case = run(start, client=applicant, code=ENTERPRISE, answers=ENTERPRISE_ANSWERS)
    case_id = case["id"]
    run(upload_missing, client=applicant, case_id=case_id)
    form = {**FORM, "legal_rep_id": demo.MAJIANGUO}
    run(post, client=applicant, path=f"/api/v1/cases/{case_id}/submit/", body={"data": form})
    handler = client_for(demo.handler_sj)
    run(post, client=handler, path=f"/api/v1/cases/{case_id}/claim/")
    run(
        post,
        client=handler,
        path=f"/api/v1/cases/{case_id}/request-supplement/",
        body={"items": [{"key": "material:1", "reason": f"章程未签字{ATTACK}"}]},
    )
    run(upload_missing, client=applicant, case_id=case_id)
    run(post, client=applicant, path=f"/api/v1/cases/{case_id}/resubmit/")
    run(post, client=handler, path=f"/api/v1/cases/{case_id}/reject/", body={"reasons": f"名称{ATTACK}"})
    run(
        post,
        client=applicant,
        path=f"/api/v1/cases/{case_id}/rating/",
        body={"level": 1, "comment": f"太慢{ATTACK}"},
        expect=201,
    )
    return Case.objects.get(pk=case_id), applicant, handler


def test_the_pdfs_print_the_typed_markup_literally(rejected, tmp_path):
    case, _applicant, _handler = rejected
    literal = _flat(ATTACK)
    application = _pdf(case, "application_form", tmp_path)
    assert application.count(literal) >= 3, application  # company name, address, scope
    notice = _pdf(case, "supplement_notice", tmp_path, round_=1)  # a table: the other column interleaves
    assert '章程未签字<script>alert("x")</script>' in notice and "<b>重名</b>" in notice
    decision = _pdf(case, "decision", tmp_path)
    assert "不予" in decision and _flat(f"名称{ATTACK}") in decision


def test_the_admin_pages_escape_what_applicants_and_handlers_typed(rejected, demo):
    from django.test import Client

    case, _applicant, _handler = rejected
    auditor = Client()
    auditor.force_login(demo.auditor)
    rating = Rating.objects.get(case=case)
    pages = [
        f"/admin/workflows/case/{case.pk}/change/",
        f"/admin/workflows/rating/{rating.pk}/change/",
    ]
    for path in pages:
        html = auditor.get(path).content.decode()
        assert ESCAPED in html or ESCAPED.replace("&quot;", "&#x27;") in html or "&lt;script&gt;" in html, (
            path
        )
        assert "<script>alert(" not in html and "onerror=alert(1)>" not in html, path
