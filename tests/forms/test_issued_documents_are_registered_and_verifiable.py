"""Issued documents get a number, a check code and a public verification page (the QR target)."""

import hashlib
import io

import pytest
from django.core.management import call_command

from forms.documents import fonts
from forms.documents.samples import sample_data
from forms.documents.seal import seal_svg
from forms.errors import RenderingUnavailable
from forms.models import DocumentKind
from forms.services.documents import issue_document


@pytest.fixture
def notice(db, department, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return issue_document(
        kind=DocumentKind.ACCEPTANCE_NOTICE,
        department=department,
        data=sample_data(DocumentKind.ACCEPTANCE_NOTICE),
    )


def test_an_issued_document_is_registered_with_the_hash_of_its_pdf(notice):
    with notice.pdf.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == notice.pdf_sha256
    assert notice.pdf_variant == "pdf/a-3b" and notice.subject_masked == "张*"


def test_document_numbers_count_up_per_department_kind_and_year(notice, department):
    second = issue_document(
        kind=DocumentKind.ACCEPTANCE_NOTICE,
        department=department,
        data=sample_data(DocumentKind.ACCEPTANCE_NOTICE),
    )
    assert notice.number.endswith("-000001") and second.number.endswith("-000002")
    assert notice.number.split("-")[:3] == ["SL", notice.issued_at.strftime("%Y"), department.uscc[8:17]]


def test_the_verification_page_confirms_a_document_with_the_right_check_code(client, notice):
    response = client.get(f"/documents/verify/{notice.number}?h={notice.check_code}")
    assert response.status_code == 200
    assert "核验通过" in response.content.decode() and notice.pdf_sha256 in response.content.decode()


def test_the_verification_page_reveals_nothing_without_the_check_code(client, notice):
    response = client.get(f"/documents/verify/{notice.number}?h=AAAAAAAAAA")
    assert response.status_code == 404
    assert (
        "核验未通过" in response.content.decode() and notice.subject_masked not in response.content.decode()
    )


def test_the_seal_escapes_the_department_name():
    svg = seal_svg("<script>x</script>", "专用章")
    assert "<script>" not in svg and "&lt;" in svg


def test_rendering_refuses_with_a_clear_error_when_no_cjk_font_is_installed(tmp_path, monkeypatch):
    empty = tmp_path / "fonts.conf"
    empty.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>/nonexistent</dir></fontconfig>'
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(empty))
    fonts.environment.cache_clear()
    try:
        with pytest.raises(RenderingUnavailable, match="系统中没有中文字体，请安装 fonts-noto-cjk"):
            fonts.require_cjk_font()
    finally:
        monkeypatch.delenv("FONTCONFIG_FILE")
        fonts.environment.cache_clear()


def test_this_machine_has_harfbuzz_subset_so_cjk_subsetting_is_fast():
    environment = fonts.environment()
    assert environment.harfbuzz_subset, environment.problems
    assert not environment.problems


def test_the_environment_command_reports_fonts_and_subsetter():
    out = io.StringIO()
    call_command("document_environment", stdout=out)
    output = out.getvalue()
    assert "Noto Serif CJK SC" in output and "HarfBuzz 子集化：可用" in output


@pytest.mark.parametrize("code", ["核验码核验码", "ÄÖÜ"])
def test_a_non_ascii_check_code_is_simply_not_found(client, notice, code):
    response = client.get(f"/documents/verify/{notice.number}", {"h": code})
    assert response.status_code == 404
