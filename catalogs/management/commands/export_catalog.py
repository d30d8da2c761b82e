"""manage.py export_catalog FILE [--entity NAME]: write the catalogs as XLSX (one sheet per entity) or CSV."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from catalogs.errors import DomainError
from catalogs.importing import export_catalog, file_format
from catalogs.resources import RESOURCES, resource_for_entity
from catalogs.workbooks import UnreadableFile


class Command(BaseCommand):
    help = "导出目录为电子表格：.xlsx 每类目录一个工作表，.csv 导出一类目录（需 --entity）。导出的文件可原样导入。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="目标文件（.xlsx 或 .csv）")
        parser.add_argument(
            "--entity", help="目录类型：" + "、".join(f"{r.entity}={r.sheet_name}" for r in RESOURCES)
        )
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, file, entity, no_progress, **options):
        path = Path(file)
        try:
            fmt = file_format(path.name)
        except UnreadableFile as error:
            raise CommandError(str(error)) from None
        resources = [resource_for_entity(entity)] if entity else list(RESOURCES)
        if None in resources:
            raise CommandError(f"未知的目录类型“{entity}”")
        total = sum(r._meta.model._default_manager.count() for r in resources)
        with tqdm(
            total=total, unit="行", desc="导出", file=self.stderr._out, disable=no_progress, leave=False
        ) as bar:
            try:
                data = export_catalog(file_format=fmt, entity=entity, on_row=bar.update)
            except DomainError as error:
                raise CommandError(error.message) from None
        path.write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"已导出 {total} 行到 {path}"))
