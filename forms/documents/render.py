"""HTML → PDF with WeasyPrint, sharing one FontConfiguration and one parsed stylesheet per process.

Archived copies are PDF/A-3b: ``pdf_variant`` is passed to both ``render()`` (so layout embeds what
PDF/A requires, e.g. the sRGB output intent) and ``write_pdf()`` (so metadata and the file header
are written accordingly).

Every document is styled by ``document.css``, parsed once (``document_stylesheet``) and handed to
``render(stylesheets=…)``: an inline ``<style>`` was parsed again for each document, a quarter of its
render time (docs/benchmarks/performance.md, "Documents").

PDF/A needs a file identifier, which pydyf derives from an MD5 of every object's bytes after writing
them, so each stream (the two CJK font subsets above all) would be compressed twice at zlib level 9.
``_compress_streams_once`` (WeasyPrint's ``finisher`` hook, run when the PDF is complete and before
it is written) compresses each stream once, at zlib's default level 6 instead of pydyf's 9: a third
less time on the ~1.3 MB of font data a document carries, for 0.15 % more bytes (the decompressed
content, and so every check of it, is the same).
"""

import functools
import zlib
from dataclasses import dataclass
from pathlib import Path

from forms.documents.fonts import font_config, require_cjk_font

ARCHIVAL_VARIANT = "pdf/a-3b"
STYLESHEET = Path(__file__).with_name("document.css")
STREAM_COMPRESSION_LEVEL = 6  # zlib's default; pydyf uses 9, a third slower for 0.15 % fewer bytes


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int
    variant: str | None


@functools.cache
def _computed_once(stream_class: type) -> type:
    return type(
        f"{stream_class.__name__}ComputedOnce",
        (stream_class,),
        {"data": functools.cached_property(stream_class.data.fget), "__module__": __name__},
    )


def _compress_streams_once(document, pdf) -> None:
    """Called by ``write_pdf`` once the PDF is complete: nothing changes a stream after this point.

    A stream pydyf would compress is compressed here (``stream``, ``compress`` and ``extra`` are the
    Stream's public attributes: pydyf then writes the bytes as they are, with their /Filter), and
    every stream keeps its bytes once computed, for the file identifier's hash.
    """
    import pydyf

    for pdf_object in pdf.objects:
        if not isinstance(pdf_object, pydyf.Stream):
            continue
        if pdf_object.compress:
            # the same joining as pydyf's Stream.data (pydyf 0.13), then compressed at our level
            content = b"\n".join(pydyf._to_bytes(item) for item in pdf_object.stream)
            pdf_object.stream = [zlib.compress(content, STREAM_COMPRESSION_LEVEL)]
            pdf_object.compress = False
            pdf_object.extra["Filter"] = "/FlateDecode"
        pdf_object.__class__ = _computed_once(type(pdf_object))


@functools.cache
def document_stylesheet():
    """The documents' stylesheet, parsed once per process (a ``weasyprint.CSS``, read-only once built)."""
    # lazy, not a cycle: weasyprint takes about 2 s to import, and only this needs it
    from weasyprint import CSS

    return CSS(string=STYLESHEET.read_text(encoding="utf-8"), font_config=font_config())


def html_to_pdf(html: str, *, pdf_variant: str | None = ARCHIVAL_VARIANT) -> RenderedPdf:
    require_cjk_font()
    # lazy, not a cycle: weasyprint takes about 2 s to import, and only this needs it
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    options = {"pdf_variant": pdf_variant} if pdf_variant else {}
    # a document loads nothing but its own data: URIs (seal, QR code): never a file or a web address
    fetcher = URLFetcher(allowed_protocols=("data",))
    document = HTML(string=html, base_url=None, url_fetcher=fetcher).render(
        font_config=font_config(), stylesheets=[document_stylesheet()], **options
    )
    content = document.write_pdf(finisher=_compress_streams_once, **options)
    return RenderedPdf(content=content, pages=len(document.pages), variant=pdf_variant)
