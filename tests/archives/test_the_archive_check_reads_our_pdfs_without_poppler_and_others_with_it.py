"""The 四性检测 reads PDFs in-process (archives.checks.pdf) and asks poppler only when that reader cannot.

- on every document we render, the reader finds the same text as pdftotext (the same characters; pdftotext
  orders them by layout) and the PDF/A-3b identification pdfinfo finds, without starting a process;
- it sees JavaScript named inside a compressed object stream, which a scan of the file's raw bytes cannot;
- a PDF it cannot read (an LZW-compressed page, an encrypted file) goes to poppler, so the check never
  passes a PDF because this reader failed to look into it.
"""

import subprocess
from collections import Counter

import pydyf
import pytest

from archives.checks import pdf as reader
from archives.checks.base import PackageUnderCheck
from archives.checks.usability import PDFA_RE, check_pdf
from archives.services import check_package
from tests.forms.support import rendered_samples


@pytest.fixture(scope="module")
def documents():
    return rendered_samples()


def poppler_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()


def test_the_reader_finds_the_text_and_pdfa_identification_poppler_finds(documents, tmp_path):
    for kind, content in documents.items():
        facts = reader.read_pdf(content)
        ours, poppler = "".join(facts.text.split()), "".join(poppler_text(content, tmp_path).split())
        assert Counter(ours) == Counter(poppler), kind
        assert facts.pages == 1 and not facts.active and not facts.encrypted
        assert PDFA_RE.search(facts.xmp).groups() == ("3", "B"), kind


def compressed_pdf_with_javascript() -> bytes:
    document = pydyf.PDF()
    action = pydyf.Dictionary({"S": "/JavaScript", "JS": pydyf.String("app.alert(1)")})
    document.add_object(action)
    document.catalog["OpenAction"] = action.reference
    page = pydyf.Dictionary(
        {"Type": "/Page", "Parent": document.pages.reference, "MediaBox": pydyf.Array([0, 0, 200, 200])}
    )
    document.add_page(page)
    import io

    out = io.BytesIO()
    document.write(out, version=b"1.7", compress=True)
    return out.getvalue()


def test_javascript_inside_a_compressed_object_stream_is_found():
    content = compressed_pdf_with_javascript()
    assert b"JavaScript" not in content  # invisible to a scan of the raw bytes
    assert reader.read_pdf(content).active >= {"JavaScript", "JS"}


class FakeReader:
    def __init__(self, files):
        self.files = files

    def paths(self):
        return list(self.files)

    def read(self, path):
        return self.files[path]

    def unsafe_entries(self):
        return []


def test_a_pdf_the_reader_cannot_read_goes_to_poppler(documents):
    with pytest.raises(reader.Unsupported):  # another filter than Flate
        reader.read_pdf(
            b"%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Length 3 /Filter /LZWDecode>>"
            b" stream\nabc\nendstream endobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n"
            b"0000000055 00000 n \ntrailer <</Size 3 /Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
        )
    truncated = documents["decision"][: len(documents["decision"]) // 2]
    pkg = PackageUnderCheck(FakeReader({"documents/a.pdf": truncated}))
    assert pkg.pdf_facts("documents/a.pdf") is None
    items = check_pdf(pkg, "documents/a.pdf", {"number": "SQ-2026-139262013-000004"})
    assert [item.code for item in items] == ["pdf-unreadable"]  # poppler's answer, as before
    assert ("pdfinfo", ("-meta",), "documents/a.pdf") in pkg._tool_outputs


def test_a_checked_package_starts_no_process(package, monkeypatch):
    def no_process(*args, **kwargs):
        raise AssertionError(f"a process was started: {args[0] if args else kwargs}")

    monkeypatch.setattr(subprocess, "run", no_process)
    report = check_package(package=package, record=False)
    assert report.ok, [item.line() for item in report.failures]
    assert any(item.code == "pdf-usable" for item in report.items)


def test_stripping_streams_without_the_regex_gives_the_regexs_bytes(documents):
    import random

    from archives.checks.security import STREAM_RE, without_streams

    samples = list(documents.values())
    rng = random.Random(12)
    pieces = [
        b"stream\n",
        b"stream\r\n",
        b"stream\r",
        b"endstream",
        b"/JavaScript",
        b"/JS",
        b"x",
        b"\n",
        b"obj",
    ]
    samples += [b"".join(rng.choice(pieces) for _ in range(rng.randrange(30))) for _ in range(2000)]
    for content in samples:
        assert without_streams(content) == STREAM_RE.sub(b"", content), content[:200]


def test_the_one_pass_object_parser_gives_what_the_token_by_token_parser_gives(documents):
    compared = 0
    for content in documents.values():
        pdf = reader.PdfReader(content)
        for container, index in pdf.in_streams.values():
            pdf._object_in_stream(container, 0)
            data, first, offsets, _ends = pdf._objstm[container]
            fast = reader._Lexer(data, first + offsets[index]).value()
            slow = reader._Lexer(data, first + offsets[index]).slow_value()
            assert fast == slow and type(fast) is type(slow)
            compared += 1
    assert compared > 50
    sample = b"<< /A [1 0 R 2 -3.5 (a\\)b) <4142> /N#20x true null] /B << /C 7 >> >>"
    assert reader._Lexer(sample).value() == reader._Lexer(sample).slow_value()
    with pytest.raises(reader.Unsupported):
        reader._Lexer(b"<< /A [1 2 >>").value()
