"""Render the five documents with sample data: ``manage.py render_document_samples --output DIR [--png]``.

Used for the screenshots in docs/screenshots/ and to review template changes; writes nothing to the
database (the sample department is not saved).
"""

import subprocess
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from catalogs.models import Department, Region
from forms.documents.kinds import spec_for
from forms.documents.render import html_to_pdf
from forms.documents.samples import sample_data
from forms.models import DocumentKind
from forms.services.documents import document_html


class Command(BaseCommand):
    help = "用示例数据生成五种文书（PDF，可选生成第一页 PNG）"

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True)
        parser.add_argument("--png", action="store_true", help="用 pdftoppm 生成第一页 PNG")
        parser.add_argument("--dpi", type=int, default=110)

    def handle(self, *args, **options):
        output = Path(options["output"])
        output.mkdir(parents=True, exist_ok=True)
        department = Department(
            name="西宁市城东区民政局", uscc="116301021392620138", region=Region(code="630102", name="城东区")
        )
        issued = timezone.make_aware(datetime(2026, 3, 2, 10, 0))
        for index, kind in enumerate(DocumentKind.values, start=1):
            number = f"{spec_for(kind).prefix}-2026-139262013-{index:06d}"
            html = document_html(
                kind=kind,
                data=sample_data(kind),
                department=department,
                number=number,
                code="7KQ2M9XH4P",
                issued_at=issued,
            )
            pdf = output / f"{kind}.pdf"
            pdf.write_bytes(html_to_pdf(html).content)
            if options["png"]:
                subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-singlefile",
                        "-r",
                        str(options["dpi"]),
                        "-f",
                        "1",
                        "-l",
                        "1",
                        str(pdf),
                        str(output / kind),
                    ],
                    check=True,
                )
                pdf.unlink()
            self.stdout.write(
                f"{DocumentKind(kind).label}：{output / (kind + ('.png' if options['png'] else '.pdf'))}"
            )
