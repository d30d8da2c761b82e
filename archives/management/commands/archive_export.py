"""Export one package as a zip for transfer: ``manage.py archive_export --package ID --output FILE``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archives.models import ArchivePackage
from archives.selectors import export_zip


class Command(BaseCommand):
    help = "将归档信息包导出为一个 zip 文件（移交档案系统）"

    def add_arguments(self, parser):
        parser.add_argument("--package", required=True, help="档号（package id）")
        parser.add_argument("--output", required=True, help="输出的 zip 文件路径")

    def handle(self, *args, **options):
        package = ArchivePackage.objects.filter(package_id=options["package"]).first()
        if package is None:
            raise CommandError(f"没有档号为 {options['package']} 的归档信息包")
        output = Path(options["output"])
        if output.exists():
            raise CommandError(f"文件已存在，不覆盖：{output}")
        output.write_bytes(export_zip(package))
        self.stdout.write(f"已导出 {package.package_id} → {output}")
