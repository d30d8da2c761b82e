"""Rendered sample documents shared by the PDF tests (rendering is the slow part: do it once)."""

import functools
import subprocess
from datetime import datetime

from django.utils import timezone

from catalogs.models import Department, Region
from forms.documents.render import html_to_pdf
from forms.documents.samples import sample_case, sample_data
from forms.models import DocumentKind
from forms.services.documents import document_html

APPLICANT = "欧阳青禾"
SERVICE = "内地居民婚姻登记"


def unsaved_department() -> Department:
    return Department(
        name="西宁市城东区民政局", uscc="116301021392620138", region=Region(code="630102", name="城东区")
    )


@functools.cache
def rendered_samples() -> dict[str, bytes]:
    """kind → PDF/A-3b bytes of each document for the same case (applicant 欧阳青禾)."""
    case = sample_case(applicant_name=APPLICANT, service_item_name=SERVICE)
    issued = timezone.make_aware(datetime(2026, 3, 2, 10, 0))
    pdfs = {}
    for index, kind in enumerate(DocumentKind.values, start=1):
        html = document_html(
            kind=kind,
            data=sample_data(kind, case=case),
            department=unsaved_department(),
            number=f"SQ-2026-139262013-{index:06d}",
            code="ABCDEFGHJK",
            issued_at=issued,
        )
        pdfs[kind] = html_to_pdf(html).content
    return pdfs


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()


def pdf_fonts(content: bytes, tmp_path) -> list[list[str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(content)
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]
    return [line.split() for line in lines]
