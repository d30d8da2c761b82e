"""Text typed by applicants cannot inject HTML into a document."""

import subprocess
from datetime import datetime

from django.utils import timezone
from PIL import Image

from forms.documents.render import html_to_pdf
from forms.documents.samples import sample_case, sample_data
from forms.models import DocumentKind
from forms.services.documents import document_html
from tests.forms.support import pdf_text, unsaved_department

ATTACK = '<img src="file:///etc/passwd"><script>alert(1)</script><b style="font-size:80pt">张三</b>'


def _html(kind: str, name: str) -> str:
    data = sample_data(kind, case=sample_case(applicant_name=name))
    return document_html(
        kind=kind,
        data=data,
        department=unsaved_department(),
        number="SQ-2026-1-000001",
        code="ABCDEFGHJK",
        issued_at=timezone.make_aware(datetime(2026, 3, 2)),
    )


def test_an_html_injection_attempt_in_the_applicant_name_is_escaped_in_the_html():
    html = _html(DocumentKind.DECISION, ATTACK)
    assert "<script>" not in html and '<img src="file:///etc/passwd">' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_html_injection_attempt_is_printed_literally_in_the_pdf(tmp_path):
    pdf = html_to_pdf(_html(DocumentKind.ACCEPTANCE_NOTICE, ATTACK)).content
    text = "".join(pdf_text(pdf, tmp_path).split())  # line breaks fall anywhere in the long name
    assert "<script>alert(1)</script>" in text
    assert '<imgsrc="file:///etc/passwd">' in text


def _images_in(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "images.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True)
    return listing.stdout.splitlines()[2:]


def test_a_document_never_loads_a_file_even_if_markup_got_through(tmp_path):
    picture = tmp_path / "secret.png"
    Image.new("RGB", (8, 8), "red").save(picture)
    html = _html(DocumentKind.DECISION, "张三").replace("</body>", f'<img src="{picture.as_uri()}"></body>')
    images = _images_in(html_to_pdf(html).content, tmp_path)
    assert len(images) == 1, images  # the QR code (a data: URI) and nothing from the file system
