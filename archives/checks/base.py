"""Shared pieces of the 四性检测: result items, the report and the parsed package under check."""

import json
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from archives import manifest as layout
from archives.storage import PackageReader
from catalogs.registry import Registry

CATEGORIES = {
    "authenticity": "真实性",
    "integrity": "完整性",
    "usability": "可用性",
    "security": "安全性",
}


@dataclass(frozen=True)
class CheckItem:
    category: str
    code: str
    ok: bool
    message: str
    path: str = ""

    def line(self) -> str:
        where = f" [{self.path}]" if self.path else ""
        return f"{'通过' if self.ok else '不通过'} {CATEGORIES[self.category]}/{self.code}{where}：{self.message}"


@dataclass
class CheckReport:
    source: str
    package_id: str = ""
    items: list[CheckItem] = field(default_factory=list)

    @property
    def failures(self) -> list[CheckItem]:
        return [item for item in self.items if not item.ok]

    @property
    def ok(self) -> bool:
        return not self.failures

    def as_dict(self) -> dict:
        summary = {
            name: {
                "label": label,
                "ok": not any(i for i in self.failures if i.category == name),
                "checked": sum(1 for i in self.items if i.category == name),
            }
            for name, label in CATEGORIES.items()
        }
        return {
            "source": self.source,
            "package_id": self.package_id,
            "ok": self.ok,
            "summary": summary,
            "failures": [asdict(i) for i in self.failures],
            "items": [asdict(i) for i in self.items],
        }


def poppler(tool: str, *args: str, content: bytes) -> subprocess.CompletedProcess:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        return subprocess.run(
            [tool, *args, handle.name, *(["-"] if tool == "pdftotext" else [])],
            capture_output=True,
            timeout=60,
        )


class PackageUnderCheck:
    """The reader plus what every check needs parsed once: the manifest, the seal and the file list."""

    def __init__(self, reader: PackageReader, *, expected=None):
        self.reader = reader
        self.expected = expected  # the ArchivePackage row when checking a stored package
        self.present = set(reader.paths())
        self.manifest: dict | None = None
        self.manifest_error = ""
        self.seal_document: dict | None = None
        self.seal_error = ""
        self._contents: dict[str, bytes] = {}
        self._tool_outputs: dict = {}
        self._pdf_facts: dict = {}
        self.manifest_bytes = self.content(layout.MANIFEST) if layout.MANIFEST in self.present else None
        if self.manifest_bytes is None:
            self.manifest_error = "缺少 manifest.json"
        else:
            self.manifest, self.manifest_error = _parse_object(self.manifest_bytes)
        if layout.SEAL not in self.present:
            self.seal_error = "缺少 seal.json"
        else:
            self.seal_document, self.seal_error = _parse_object(self.content(layout.SEAL))

    def tool_output(self, tool: str, *args: str, path: str):
        """Run a poppler tool once per file and arguments (usability and security share the output)."""

        key = (tool, args, path)
        if key not in self._tool_outputs:
            self._tool_outputs[key] = poppler(tool, *args, content=self.content(path))
        return self._tool_outputs[key]

    def pdf_facts(self, path: str):
        """What the checks need from one PDF, read in-process (archives.checks.pdf.PdfFacts), or None when
        that reader cannot read it: the checks then ask poppler (``tool_output``) as they always did."""
        from archives.checks.pdf import Unsupported, read_pdf

        if path not in self._pdf_facts:
            try:
                self._pdf_facts[path] = read_pdf(self.content(path))
            except Unsupported:
                self._pdf_facts[path] = None
        return self._pdf_facts[path]

    def content(self, path: str) -> bytes:
        if path not in self._contents:
            self._contents[path] = self.reader.read(path)
        return self._contents[path]

    @property
    def entries(self) -> list[dict]:
        files = (self.manifest or {}).get("files")
        return [e for e in files if isinstance(e, dict)] if isinstance(files, list) else []


def _parse_object(content: bytes) -> tuple[dict | None, str]:
    try:
        value = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, f"不是有效的 UTF-8 JSON：{error}"
    if not isinstance(value, dict):
        return None, "顶层不是 JSON 对象"
    return value, ""


# One check per category, registered by its module as ``@checks.register("<category>")``: a function from the
# package under check to its items. ``check_reader`` runs them in the order of CATEGORIES.
checks: Registry[Callable[[PackageUnderCheck], list[CheckItem]]] = Registry("四性检测项")
