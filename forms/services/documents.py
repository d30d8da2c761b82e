"""Issuing a document: number, check code, PDF/A-3b rendering, storage and the register entry."""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from catalogs.models import Department
from forms.documents.content import check_code, content_digest, next_document_number
from forms.documents.kinds import LicenseFaceData, spec_for
from forms.documents.qr import qr_data_uri
from forms.documents.render import ARCHIVAL_VARIANT, html_to_pdf
from forms.documents.seal import seal_data_uri
from forms.models import IssuedDocument


def public_url(path: str) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def verification_url(*, number: str, code: str) -> str:
    return public_url(reverse("forms:verify-document", args=[number]) + f"?h={code}")


def document_html(*, kind: str, data, department: Department, number: str, code: str, issued_at) -> str:
    """The HTML of a document; every value from ``data`` goes through Django's autoescaping.

    Documents are legal instruments issued in Chinese, whatever language the officer browses in.
    """
    spec = spec_for(kind)
    if not isinstance(data, spec.data_class):
        raise TypeError(f"{kind} needs {spec.data_class.__name__}, got {type(data).__name__}")
    if isinstance(data, LicenseFaceData):
        verify = public_url(data.verification_path)
    else:
        verify = verification_url(number=number, code=code)
    context = {
        "data": data,
        "title": spec.title(data),
        "number": number,
        "check_code": code,
        "verify_url": verify,
        "qr": qr_data_uri(verify),
        "seal": seal_data_uri(department.name, spec.seal_purpose),
        "department": department,
        "issued_at": timezone.localtime(issued_at),
    }
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(spec.template, context)


def issue_document(
    *, kind: str, department: Department, data, issued_at=None, pdf_variant: str | None = ARCHIVAL_VARIANT
) -> IssuedDocument:
    """Number, render and register one document. The PDF is archival (PDF/A-3b) by default."""
    spec = spec_for(kind)
    issued_at = issued_at or timezone.now()
    digest = content_digest(data)
    number = next_document_number(
        department=department, kind=kind, prefix=spec.prefix, year=timezone.localtime(issued_at).year
    )
    code = check_code(number, digest)
    html = document_html(
        kind=kind, data=data, department=department, number=number, code=code, issued_at=issued_at
    )
    rendered = html_to_pdf(html, pdf_variant=pdf_variant)
    subject = spec.subject(data)
    with transaction.atomic():
        document = IssuedDocument(
            number=number,
            kind=kind,
            title=spec.title(data),
            department=department,
            reference=spec.reference(data),
            subject_masked=subject.masked_name,
            content_digest=digest,
            check_code=code,
            pdf_sha256=hashlib.sha256(rendered.content).hexdigest(),
            pdf_variant=rendered.variant or "",
            page_count=rendered.pages,
            issued_at=issued_at,
        )
        document.pdf.save(f"{number}.pdf", ContentFile(rendered.content), save=False)
        document.full_clean()
        document.save()
    return document
