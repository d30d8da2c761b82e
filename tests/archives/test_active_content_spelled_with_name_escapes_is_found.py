"""A PDF name may spell any byte as ``#xx``: ``/J#61vaScript`` is ``/JavaScript`` to every PDF reader. The
安全性 check finds such names in the file's own bytes and inside compressed object streams alike."""

import io

import pydyf

from archives.checks import checks
from archives.checks import pdf as reader
from archives.checks.base import PackageUnderCheck


class FakeReader:
    def __init__(self, files):
        self.files = files

    def paths(self):
        return list(self.files)

    def read(self, path):
        return self.files[path]

    def unsafe_entries(self):
        return []


def pdf_with_escaped_javascript(*, compress: bool) -> bytes:
    document = pydyf.PDF()
    action = pydyf.Dictionary({"S": "/J#61vaScript", "J#53": pydyf.String("app.alert(1)")})
    document.add_object(action)
    document.catalog["OpenAction"] = action.reference
    page = pydyf.Dictionary(
        {"Type": "/Page", "Parent": document.pages.reference, "MediaBox": pydyf.Array([0, 0, 200, 200])}
    )
    document.add_page(page)
    out = io.BytesIO()
    document.write(out, version=b"1.7", compress=compress)
    return out.getvalue()


def test_escaped_javascript_in_the_files_own_bytes_fails_the_security_check():
    content = pdf_with_escaped_javascript(compress=False)
    assert b"/J#61vaScript" in content and b"JavaScript" not in content
    items = checks["security"](PackageUnderCheck(FakeReader({"documents/a.pdf": content})))
    failures = [item for item in items if not item.ok]
    assert [item.code for item in failures] == ["script-content"]
    assert "JavaScript" in failures[0].message and "JS" in failures[0].message


def test_escaped_javascript_inside_a_compressed_object_stream_is_found():
    content = pdf_with_escaped_javascript(compress=True)
    assert b"J#61vaScript" not in content  # compressed: invisible to the scan of the raw bytes
    assert reader.read_pdf(content).active >= {"JavaScript", "JS"}


def test_an_escaped_name_that_is_not_active_content_is_not_reported():
    assert reader.active_names(b"<< /Type /F#6Fnt /A#42 1 /J#53ON 2 >>") == set()
    assert reader.active_names(b"<< /S /JavaScript /L#61unch 1 >>") == {"JavaScript", "Launch"}
