"""Documents and archive packages: how fast, against a bare WeasyPrint page measured in the same run.

    .venv/bin/python bench/documents.py            # quick: 3 renders per template, 5 packages
    .venv/bin/python bench/documents.py --full     # 20 renders per template, 30 packages
    .venv/bin/python bench/documents.py --write    # also write docs/benchmarks/forms.md

Timings are medians of interleaved runs (ours, bare, ours, bare …) so that load from other processes
on a shared machine affects both alike. For each template: pages per second of the full path (Django template, seal SVG, QR code, PDF/A-3b)
and of a *bare* WeasyPrint render of the same Chinese text in plain paragraphs (same fonts, same
shared FontConfiguration, no PDF/A) — the ratio says what our layout costs. The ratio compares the
time to render the same text (documents per second): the bare text of the 申请表 runs onto a second
page, and counting pages per second doubled the floor for it (a second page costs almost nothing, the
fonts are subset once per file), though it held no more text than our one page.
Then archive packages formed per second (manifest, seal, storage; documents pre-rendered) and
packages checked per second (四性检测, PDFs read in-process).
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ.setdefault("DEBUG", "1")
MEDIA = tempfile.mkdtemp(prefix="mzb-bench-")
os.environ["MEDIA_ROOT"] = MEDIA

import django  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from results import record  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from forms.documents.fonts import environment, font_config  # noqa: E402
from forms.documents.kinds import spec_for  # noqa: E402
from forms.documents.render import html_to_pdf  # noqa: E402
from forms.documents.samples import sample_data  # noqa: E402
from forms.models import DocumentKind  # noqa: E402
from forms.services.documents import document_html  # noqa: E402

DOCUMENT_NOTE = (
    "see docs/benchmarks/performance.md: most of the time is shared with the floor (HarfBuzz subsetting of "
    "2 faces, text layout); ours adds the tables, seal SVG, QR code and footer; PDF/A costs what a plain PDF does"
)


def pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", handle.name, "-"], capture_output=True, check=True
        ).stdout.decode()


def bare_page_html(text: str) -> str:
    """One A4 page with the same text in plain paragraphs and the same two font faces as our documents
    (Noto Serif CJK SC regular and bold: the first line, the title, in bold)."""
    lines = [line for line in text.split("\n") if line.strip()]
    paragraphs = "".join(
        f"<p><b>{line}</b></p>" if i == 0 else f"<p>{line}</p>" for i, line in enumerate(lines)
    )
    return (
        '<html lang="zh-CN"><head><style>@page{size:A4;margin:20mm}'
        'body{font-family:"Noto Serif CJK SC";font-size:10pt;line-height:1.4}p{margin:0}</style></head>'
        f"<body>{paragraphs}</body></html>"
    )


def bare_render(html: str) -> tuple[bytes, int]:
    from weasyprint import HTML

    document = HTML(string=html).render(font_config=font_config())
    return document.write_pdf(), len(document.pages)


def profile(label: str, function) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(function)
    print(f"--- cProfile: {label} (tottime, top 25)")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def interleaved(functions: list, repeat: int) -> tuple[list[float], list]:
    """Median seconds per call of each function, calling them in turn so that load from other
    processes on this shared machine hits all of them alike; and each function's last result."""
    samples = [[] for _ in functions]
    results = [None] * len(functions)
    for _ in range(repeat):
        for index, function in enumerate(functions):
            start = time.perf_counter()
            results[index] = function()
            samples[index].append(time.perf_counter() - start)
    return [statistics.median(s) for s in samples], results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks/forms.md")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the render and the check")
    parser.add_argument("--kinds", help="comma-separated document kinds (default: all), e.g. decision")
    parser.add_argument("--renders", type=int, help="renders per template (default 3; --full 20)")
    parser.add_argument(
        "--packages", type=int, help="archive packages built and checked (default 5; --full 30)"
    )
    args = parser.parse_args()
    renders, packages = (20, 30) if args.full else (3, 5)
    renders, packages = args.renders or renders, args.packages or packages
    env = environment()
    lines = [
        f"- machine: {platform.machine()}, {os.cpu_count()} cores shared, Python {platform.python_version()}, WeasyPrint "
        f"{__import__('weasyprint').__version__}; HarfBuzz subsetter: {'yes' if env.harfbuzz_subset else 'NO (fontTools fallback)'}",
        f"- renders per template: {renders}; archive packages: {packages}",
        "",
    ]

    from catalogs.models import Department, Region

    department = Department(
        name="西宁市城东区民政局", uscc="116301021392620138", region=Region(code="630102", name="城东区")
    )
    issued = timezone.make_aware(datetime(2026, 3, 2, 10))
    html_to_pdf(
        document_html(
            kind=DocumentKind.DECISION,
            data=sample_data(DocumentKind.DECISION),
            department=department,
            number="JD-2026-1-000001",
            code="ABCDEFGHJK",
            issued_at=issued,
        )
    )  # warm the font cache
    lines += [
        "| template | pages | bare pages | PDF size | bare PDF size | ours documents/s | bare WeasyPrint documents/s "
        "| ours / bare |",
        "|---|---|---|---|---|---|---|---|",
    ]
    pdfs = {}
    kinds = args.kinds.split(",") if args.kinds else DocumentKind.values
    for kind in kinds:
        data = sample_data(kind)

        def ours(kind=kind, data=data):
            html = document_html(
                kind=kind,
                data=data,
                department=department,
                number=f"{spec_for(kind).prefix}-2026-1-000001",
                code="ABCDEFGHJK",
                issued_at=issued,
            )
            return html_to_pdf(html)

        bare_html = bare_page_html(pdf_text(ours().content))
        (ours_time, bare_time), (rendered, (bare_pdf, bare_pages)) = interleaved(
            [ours, lambda html=bare_html: bare_render(html)], renders
        )
        pdfs[kind] = rendered.content
        # the same text: documents per second (every document of ours is one page; the bare text of
        # the 申请表 takes two, which must not count as twice the speed)
        ours_rate, bare_rate = 1 / ours_time, 1 / bare_time
        ours_kib, bare_kib = len(rendered.content) / 1024, len(bare_pdf) / 1024
        lines.append(
            f"| {DocumentKind(kind).label} | {rendered.pages} | {bare_pages} | {ours_kib:.0f} KiB | {bare_kib:.0f} KiB | "
            f"{ours_rate:.2f} | {bare_rate:.2f} | {ours_rate / bare_rate:.2f} |"
        )
        print(lines[-1], flush=True)
        record(
            part=f"documents: {DocumentKind(kind).label}",
            figure=f"{ours_rate:.2f} documents/s ({rendered.pages} page), {ours_kib:.0f} KiB",
            floor=f"bare WeasyPrint {bare_rate:.2f} documents/s of the same text ({bare_pages} page), {bare_kib:.0f} KiB",
            ratio=ours_rate / bare_rate,
            goal=(">=", 0.8),
            note=DOCUMENT_NOTE,
        )

    if args.profile:
        form = DocumentKind.APPLICATION_FORM
        form_html = document_html(
            kind=form,
            data=sample_data(form),
            department=department,
            number="SQ-2026-1-000001",
            code="ABCDEFGHJK",
            issued_at=issued,
        )
        profile("application form, HTML → PDF/A-3b × 3", lambda: [html_to_pdf(form_html) for _ in range(3)])
        bare = bare_page_html(pdf_text(html_to_pdf(form_html).content))
        profile("bare page of the same text × 3", lambda: [bare_render(bare) for _ in range(3)])

    decision_html = document_html(
        kind=DocumentKind.DECISION,
        data=sample_data(DocumentKind.DECISION),
        department=department,
        number="JD-2026-1-000001",
        code="ABCDEFGHJK",
        issued_at=issued,
    )
    (archival_time, plain_time), _ = interleaved(
        [lambda: html_to_pdf(decision_html), lambda: html_to_pdf(decision_html, pdf_variant=None)], renders
    )
    lines += [
        "",
        f"PDF/A-3b vs plain PDF (决定书, HTML already built): {1 / archival_time:.2f} vs {1 / plain_time:.2f} pages/s",
        "",
    ]
    print(lines[-2], flush=True)

    call_command("migrate", verbosity=0)
    from archives.inputs import ArchiveDocument, CaseRecord, LicenseSnapshot
    from archives.services import check_package, create_archive_package
    from licenses.sealing import create_seal_key

    region = Region.objects.create(code="630102", name="城东区")
    department = Department.objects.create(
        name="西宁市城东区民政局", uscc="116301021392620138", region=region
    )
    create_seal_key(department=department)
    documents = [
        ArchiveDocument(
            role=kind,
            title=DocumentKind(kind).label,
            number=f"{spec_for(kind).prefix}-2026-1-000001",
            content=pdf,
        )
        for kind, pdf in pdfs.items()
    ]
    snapshot = LicenseSnapshot(
        identifier="1.2.156.3005.2.ID.1",
        type_code="11630000139260010X001",
        type_name="居民身份证",
        data={"holder_name": "张三"},
        verification_report={"result": "valid", "checks": []},
    )

    def build(index: int):
        return create_archive_package(
            case=CaseRecord(
                case_number=f"BENCH-{index:06d}",
                service_item_code="630000-MZ-0001",
                service_item_name="内地居民婚姻登记",
                service_item_version=1,
                retention_years=30,
                applicant_name="张三",
                applicant_code="630102198501010013",
                applicant_code_type="111",
                department=department,
                handler_name="王晓明",
                submitted_at=issued,
                decided_at=issued,
                decision="approved",
            ),
            documents=documents,
            licenses=[snapshot],
            audit_extract=[{"event": "case.approved"}],
            archiving_department=department,
        )

    check_package(package=build(-1), record=False)  # warm up (seal key, storage folders, the check's regexes)
    started_processes = []
    real_run = subprocess.run

    def counting_run(*args, **kwargs):  # how many processes the check still starts (poppler)
        started_processes.append(args[0] if args else kwargs.get("args"))
        return real_run(*args, **kwargs)

    # interleaved (build one, check it, build the next …) so that load from other processes hits both alike
    build_seconds = check_seconds = 0.0
    reports, stored = [], []
    subprocess.run = counting_run
    for index in range(packages):
        start = time.perf_counter()
        package = build(index)
        build_seconds += time.perf_counter() - start
        start = time.perf_counter()
        reports.append(check_package(package=package, record=False))
        check_seconds += time.perf_counter() - start
        stored.append(package)
    build_rate, check_rate = packages / build_seconds, packages / check_seconds
    subprocess.run = real_run
    processes = len(started_processes)
    if args.profile:
        profile("check_package", lambda: [check_package(package=package, record=False) for package in stored])
    failures = [item.line() for report in reports for item in report.failures]
    assert not failures, f"a freshly built package failed its check: {failures[:5]}"
    size = sum(p.total_bytes for p in stored) // packages // 1024
    lines += [
        f"Archive packages ({len(documents)} PDF/A-3b documents, 1 license snapshot + report, audit extract; {size} KiB each): "
        f"{build_rate:.1f} built/s (manifest + SHA-256 + ECDSA seal + filesystem storage), "
        f"{check_rate:.2f} checked/s (四性检测, PDFs read in-process)"
    ]
    print(lines[-1])
    record(
        part="archive check (四性检测)",
        figure=f"{1000 / check_rate:.1f} ms/package checked ({check_rate:.1f}/s)",
        floor=f"{1000 / build_rate:.1f} ms/package built ({build_rate:.1f}/s)",
        ratio=build_rate / check_rate,
        goal=("<=", 2.0),
        note=(
            f"{len(documents)} PDFs per package read in-process (archives/checks/pdf.py: xref, object streams, ToUnicode text, "
            f"XMP, active content); no poppler process{'' if not processes else f' ({processes} ran)'}. "
            "Checking = SHA-256 of every file, seal verify, manifest, PDF/A id, text holds the document number"
        ),
    )
    if args.write:
        command = ".venv/bin/python bench/documents.py" + (" --full" if args.full else "")
        body = "\n".join(lines)
        (ROOT / "docs/benchmarks/forms.md").write_text(
            "# Benchmark: documents and archive packages\n\n"
            f"Command: `{command}` (run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}).\n\n"
            "Figures are medians of interleaved runs (ours and bare alternate). “bare WeasyPrint” renders the same Chinese text as the document (extracted with pdftotext) "
            "in plain paragraphs, same fonts and shared FontConfiguration, no PDF/A, in the same process — the ratio "
            "(documents per second of the same text) is what our layout, seal SVG, QR code and PDF/A-3b cost.\n\n"
            + body
            + "\n"
        )


if __name__ == "__main__":
    main()
