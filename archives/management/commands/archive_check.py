"""四性检测: ``manage.py archive_check [--package ID | --all | --zip FILE] [--json]``.

Exits non-zero when any item fails and names every failing item.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archives.models import ArchivePackage
from archives.services import check_package, check_zip


class Command(BaseCommand):
    help = "对归档信息包进行四性检测（真实性、完整性、可用性、安全性）"

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--package", help="档号（package id）")
        target.add_argument("--all", action="store_true", help="检测全部归档信息包")
        target.add_argument("--zip", help="检测导入/导出的 zip 文件")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出检测报告")
        parser.add_argument("--verbose-items", action="store_true", help="同时列出通过的检测项")

    def handle(self, *args, **options):
        if options["zip"]:
            path = Path(options["zip"])
            if not path.is_file():
                raise CommandError(f"找不到文件：{path}")
            reports = [check_zip(path.read_bytes(), label=path.name)]
        elif options["all"]:
            reports = [
                check_package(package=p) for p in ArchivePackage.objects.order_by("archived_at").iterator()
            ]
        else:
            package = ArchivePackage.objects.filter(package_id=options["package"]).first()
            if package is None:
                raise CommandError(f"没有档号为 {options['package']} 的归档信息包")
            reports = [check_package(package=package)]
        failed = [r for r in reports if not r.ok]
        if options["json"]:
            self.stdout.write(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=2))
        else:
            for report in reports:
                self.stdout.write(
                    f"{report.package_id or report.source}：{'通过' if report.ok else '不通过'}（{report.source}）"
                )
                shown = report.items if options["verbose_items"] else report.failures
                for item in shown:
                    self.stdout.write("  " + item.line())
            self.stdout.write(
                f"共检测 {len(reports)} 个信息包，{len(reports) - len(failed)} 个通过，{len(failed)} 个不通过"
            )
        if failed:
            raise SystemExit(1)
