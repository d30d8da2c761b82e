"""可用性: the manifest parses, each PDF opens, is PDF/A and has extractable text, JSON parses.

PDFs are read in-process (archives.checks.pdf); poppler only for a PDF that reader cannot read."""

import json
import re

from archives import manifest as layout
from archives.checks.base import CheckItem, PackageUnderCheck, checks

U = "usability"
PDFA_RE = re.compile(r'pdfaid:part(?:="|>)(\d)["<].*?pdfaid:conformance(?:="|>)([ABU])["<]', re.S)


def check_pdf(pkg, path: str, entry: dict) -> list[CheckItem]:
    facts = pkg.pdf_facts(path)  # read in-process; None: that reader cannot, ask poppler
    if facts is None:
        info = pkg.tool_output("pdfinfo", "-meta", path=path)
        if info.returncode != 0:
            return [
                CheckItem(
                    U,
                    "pdf-unreadable",
                    False,
                    f"PDF 无法打开：{info.stderr.decode(errors='replace').strip()[:200]}",
                    path,
                )
            ]
        metadata = info.stdout.decode(errors="replace")
    else:
        metadata = facts.xmp
    items = []
    match = PDFA_RE.search(metadata)
    if not match:
        items.append(CheckItem(U, "not-pdfa", False, "PDF 不是 PDF/A 格式（缺少 pdfaid 元数据）", path))
    elif (match.group(1), match.group(2)) != ("3", "B"):
        items.append(
            CheckItem(
                U,
                "not-pdfa",
                False,
                f"PDF/A 版本为 {match.group(1)}{match.group(2).lower()}，应为 PDF/A-3b",
                path,
            )
        )
    if facts is None:
        text = pkg.tool_output("pdftotext", "-enc", "UTF-8", path=path).stdout.decode(
            "utf-8", errors="replace"
        )
    else:
        text = facts.text
    if not text.strip():
        items.append(CheckItem(U, "text-not-extractable", False, "无法从 PDF 中提取文字", path))
    elif entry.get("number") and entry["number"] not in text:
        items.append(
            CheckItem(U, "number-not-found", False, f"PDF 文字中找不到文书编号 {entry['number']}", path)
        )
    if not items:
        items.append(CheckItem(U, "pdf-usable", True, "PDF 可打开，为 PDF/A-3b，文字可提取", path))
    return items


@checks.register("usability", label="可用性")
def run(pkg: PackageUnderCheck) -> list[CheckItem]:
    if pkg.manifest is None:
        return [
            CheckItem(U, "manifest-unparsable", False, f"清单无法解析：{pkg.manifest_error}", layout.MANIFEST)
        ]
    items = [CheckItem(U, "manifest-parses", True, "清单可解析", layout.MANIFEST)]
    for entry in pkg.entries:
        path = entry.get("path")
        if not isinstance(path, str) or path not in pkg.present:
            continue
        content = pkg.content(path)
        if entry.get("media_type") == layout.PDF:
            items += check_pdf(pkg, path, entry)
        elif entry.get("media_type") == layout.JSON:
            try:
                json.loads(content.decode("utf-8"))
                items.append(CheckItem(U, "json-parses", True, "JSON 可解析", path))
            except (UnicodeDecodeError, json.JSONDecodeError):
                items.append(CheckItem(U, "json-unparsable", False, "JSON 文件无法解析", path))
    return items
