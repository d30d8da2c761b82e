"""HTML → PDF with WeasyPrint, sharing one FontConfiguration per process.

Archived copies are PDF/A-3b: ``pdf_variant`` is passed to both ``render()`` (so layout embeds what
PDF/A requires, e.g. the sRGB output intent) and ``write_pdf()`` (so metadata and the file header
are written accordingly).
"""

from dataclasses import dataclass

from forms.documents.fonts import font_config, require_cjk_font

ARCHIVAL_VARIANT = "pdf/a-3b"


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int
    variant: str | None


def html_to_pdf(html: str, *, pdf_variant: str | None = ARCHIVAL_VARIANT) -> RenderedPdf:
    require_cjk_font()
    # lazy, not a cycle: weasyprint takes about 2 s to import, and only this needs it
    from weasyprint import HTML

    options = {"pdf_variant": pdf_variant} if pdf_variant else {}
    document = HTML(string=html, base_url=None).render(font_config=font_config(), **options)
    content = document.write_pdf(**options)
    return RenderedPdf(content=content, pages=len(document.pages), variant=pdf_variant)
