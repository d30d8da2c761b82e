"""Every document embeds a CJK font subset and its Chinese text can be extracted again."""

import subprocess

import pytest

from forms.models import DocumentKind
from tests.forms.support import APPLICANT, SERVICE, pdf_fonts, pdf_text, rendered_samples

KINDS = DocumentKind.values


@pytest.fixture(scope="module")
def pdfs():
    return rendered_samples()


@pytest.mark.parametrize("kind", KINDS)
def test_pdffonts_shows_an_embedded_cjk_font(pdfs, kind, tmp_path):
    fonts = pdf_fonts(pdfs[kind], tmp_path)
    cjk = [row for row in fonts if "CJK" in row[0]]
    assert cjk, f"{kind}: no CJK font in {fonts}"
    # columns: name type [subtype] encoding emb sub uni object ID — "emb" is the 3rd from the right of the flags
    assert all(row[-5] == "yes" for row in cjk), f"{kind}: a CJK font is not embedded: {cjk}"
    assert all("+" in row[0] for row in cjk), f"{kind}: CJK fonts should be subsets: {cjk}"


@pytest.mark.parametrize("kind", KINDS)
def test_pdftotext_recovers_the_applicant_name(pdfs, kind, tmp_path):
    assert APPLICANT in pdf_text(pdfs[kind], tmp_path)


@pytest.mark.parametrize("kind", [k for k in KINDS if k != DocumentKind.LICENSE_FACE])
def test_pdftotext_recovers_the_service_item_name(pdfs, kind, tmp_path):
    assert SERVICE in pdf_text(pdfs[kind], tmp_path).replace("\n", "")


def test_the_license_face_names_the_license_type_instead_of_the_service_item(pdfs, tmp_path):
    assert "结婚证" in pdf_text(pdfs[DocumentKind.LICENSE_FACE], tmp_path)


@pytest.mark.parametrize("kind", KINDS)
def test_archived_copies_are_pdfa_3b(pdfs, kind, tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(pdfs[kind])
    meta = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True).stdout
    assert 'pdfaid:part="3"' in meta and 'pdfaid:conformance="B"' in meta


def test_the_decision_carries_its_verification_link_and_document_number(pdfs, tmp_path):
    text = pdf_text(pdfs[DocumentKind.DECISION], tmp_path)
    assert "/documents/verify/SQ-2026-139262013-000004?h=ABCDEFGHJK" in text.replace("\n", "")


@pytest.mark.parametrize("kind", KINDS)
def test_each_sample_document_fits_on_one_a4_page(pdfs, kind, tmp_path):
    path = tmp_path / "p.pdf"
    path.write_bytes(pdfs[kind])
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info and "(A4)" in info


def test_the_license_face_qr_target_is_the_public_license_verification_url(pdfs, tmp_path):
    text = "".join(pdf_text(pdfs[DocumentKind.LICENSE_FACE], tmp_path).split())
    assert "/verify/1.2.156.3005.2.11630000013926002D004.11630000013926002D.00000123.001.P?c=7KQ2M9" in text
