"""Bench: one case end to end on the instant path (秒批), in-process, against the sum of its stages' bare floors.

    .venv/bin/python bench/end_to_end.py --cases 20
    .venv/bin/python bench/end_to_end.py --cases 1      # smoke

The demo world (catalog, rulesets, forms, licenses, logins) in a throw-away SQLite database; Celery eager (the
embedded default). Each case: ``workflows.demo_runner.run_case`` for 婚姻登记 (630000-MZ-0001): start
(rules), consent, fetch and verify two licenses through the gateway, prefill, submit, route instant, issue the
结婚证, render its three documents (申请表, 决定书, 证照文件: no 受理通知书 when no handler accepted it), archive
and run the 四性检测 — the time per stage from the case's own log.

The floors, measured bare in the same run:
  调取与核验证照   the raw signature verifies those licenses need (seal + status-history entry, each key parsed once)
  登记办件         bare durable-rules asserting the case's facts into the same compiled table (rules run at start)
  制发证照与出具文书 bare WeasyPrint pages of the same text and faces, one per document, + one raw seal signature
  归档           SHA-256 of the package's files + one raw signature
Stages with no bare counterpart (预填申请表, 提交与分流, between stages) count 0 in the floor sum.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
WORKDIR = tempfile.mkdtemp(prefix="mzb-e2e-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
os.environ["MEDIA_ROOT"] = f"{WORKDIR}/media"
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.pop("CELERY_BROKER_URL", None)

from results import record  # noqa: E402

MARRIAGE = "630000-MZ-0001"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=20)
    args = parser.parse_args()
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)
    from django.conf import settings
    from django.core.management import call_command

    settings.CASE_UPLOAD_ROOT = Path(WORKDIR) / "uploads"
    call_command("migrate", verbosity=0)
    sys.path.insert(0, str(ROOT / "tests"))
    from tests.workflows.conftest import load_world

    load_world()
    from licenses import demo as license_demo
    from workflows.demo_runner import run_case

    answers = {"previously_divorced": False, "partner_id": license_demo.LISI}

    def one_case():
        started = time.perf_counter()
        run = run_case(service_code=MARRIAGE, holder_code=license_demo.ZHANGSAN, answers=answers)
        elapsed = time.perf_counter() - started
        assert run.finished and run.check_ok, (run.case.state, run.check_failures)
        assert run.case.route == "instant", run.case.route
        return run, elapsed

    one_case()  # warm up (font cache, compiled rules, keys)
    runs = [one_case() for _ in range(args.cases)]
    totals = [elapsed for _, elapsed in runs]
    stage_names = [name for name, _ in runs[0][0].stages]
    per_stage = {
        name: statistics.median(dict(run.stages).get(name, 0.0) for run, _ in runs) for name in stage_names
    }
    floors = measure_floors(runs[-1][0].case)
    total = statistics.median(totals)
    floor_sum = sum(floors.values())
    print(f"{args.cases} cases of {MARRIAGE} on the instant path; median per case {total * 1000:.0f} ms")
    print(f"  {'stage':<22}{'ours ms':>10}{'bare floor ms':>15}")
    for name in stage_names:
        print(f"  {name:<22}{per_stage[name] * 1000:>10.1f}{floors.get(name, 0) * 1000:>15.1f}")
    outside = total - sum(per_stage.values())
    print(f"  {'(between stages)':<22}{outside * 1000:>10.1f}{0:>15.1f}")
    print(f"  sum of floors {floor_sum * 1000:.1f} ms; floors / ours = {floor_sum / total:.2f}")
    stages_text = "; ".join(
        f"{name} {per_stage[name] * 1000:.0f} ms (floor {floors.get(name, 0) * 1000:.1f})"
        for name in stage_names
    )
    record(
        part="end to end, instant path (婚姻登记, SQLite, eager)",
        figure=f"{total * 1000:.0f} ms per case ({1 / total:.1f} cases/s)",
        floor=f"{floor_sum * 1000:.0f} ms: sum of the stages' bare floors",
        ratio=floor_sum / total,
        goal=(">=", 0.8),
        note=f"per stage (median): {stages_text}; between stages {outside * 1000:.0f} ms",
    )
    return 0


def timed(function, repeat: int = 5) -> float:
    """Median seconds of ``function()``."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def bare_page_html(text: str) -> str:  # as bench/documents.py: same text, the same two faces
    lines = [line for line in text.split("\n") if line.strip()]
    paragraphs = "".join(
        f"<p><b>{line}</b></p>" if i == 0 else f"<p>{line}</p>" for i, line in enumerate(lines)
    )
    return (
        '<html lang="zh-CN"><head><style>@page{size:A4;margin:20mm}'
        'body{font-family:"Noto Serif CJK SC";font-size:10pt;line-height:1.4}p{margin:0}</style></head>'
        f"<body>{paragraphs}</body></html>"
    )


def measure_floors(case) -> dict[str, float]:
    """Seconds of the bare work of each stage, measured now, on this case's own data."""
    import base64
    import hashlib
    import uuid

    from durable import engine as durable_engine
    from weasyprint import HTML

    from archives.checks.pdf import read_pdf
    from archives.storage import StorageReader
    from forms.documents.fonts import font_config
    from licenses.models import LicenseVersion
    from licenses.sealing import canonical_bytes
    from licenses.services.history import _identifier, change_payload
    from licenses.signers import signers
    from rules import selectors
    from rules.engine.compiler import MARKER
    from rules.models import RuleSet

    floors = {}
    verifies = []
    for row in case.licenses.filter(verified=True):
        version = LicenseVersion.objects.select_related("seal_key", "license").get(identifier=row.identifier)
        signer = signers[version.seal_key.algorithm]
        key = signer.load_public_key(version.seal_key.public_key)
        verifies.append(
            (signer, key, canonical_bytes(version.payload()), base64.b64decode(version.seal_signature))
        )
        for change in version.license.history.select_related("seal_key", "version"):
            data = canonical_bytes(
                change_payload(change, lic=version.license, version_identifier=_identifier(change))
            )
            change_signer = signers[change.seal_key.algorithm]
            change_key = change_signer.load_public_key(change.seal_key.public_key)
            verifies.append((change_signer, change_key, data, base64.b64decode(change.seal_signature)))
    assert verifies, "the case verified no license"
    assert all(s.verify_with(k, d, g) for s, k, d, g in verifies)
    floors["调取与核验证照"] = timed(lambda: [s.verify_with(k, d, g) for s, k, d, g in verifies])

    ruleset = RuleSet.objects.get(service_code=case.service_item.code, version=case.ruleset_version)
    compiled = selectors.compiled_ruleset(ruleset)
    facts = case.resolution["facts"]

    class Host(durable_engine.Host):
        def _run(self):
            return None

    host = Host()
    definition = {"catch_all": {"all": [{"m": {MARKER: 1}}], "run": lambda c: None}}
    for name, rule in compiled.definition.items():
        definition[name] = {"all": rule["all"], "run": lambda c: None}
    host.register_rulesets({"bare_e2e": definition})

    def fire():
        sid = uuid.uuid4().hex
        host.assert_fact("bare_e2e", {**facts, "sid": sid, MARKER: 1})
        host.delete_state("bare_e2e", sid)

    floors["登记办件"] = timed(fire, repeat=20)  # the rules resolve when the case starts

    reader = StorageReader(case.archive_package.package_id)
    paths = reader.paths()
    files = [reader.read(path) for path in paths]
    pdfs = [content for path, content in zip(paths, files, strict=True) if path.endswith(".pdf")]
    bare_pages = [bare_page_html(read_pdf(content).text) for content in pdfs]
    signer = signers["ecdsa-p256-sha256"]
    private, _public = signer.generate()
    loaded = signer.load_private_key(private)
    floors["制发证照与出具文书"] = timed(
        lambda: (
            [HTML(string=html).render(font_config=font_config()).write_pdf() for html in bare_pages],
            signer.sign_with(loaded, b"x" * 2000),
        ),
        repeat=3,
    )
    floors["归档"] = timed(
        lambda: ([hashlib.sha256(f).digest() for f in files], signer.sign_with(loaded, b"x" * 2000))
    )
    print(
        f"  floors measured on: {len(verifies)} signatures, {len(pdfs)} documents, {len(files)} package files"
    )
    return floors


if __name__ == "__main__":
    sys.exit(main())
