"""manage.py import_catalog FILE [--dry-run] [--entity NAME]: import catalog spreadsheets, all-or-nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from catalogs.importing import CatalogImportFailed, import_catalog
from catalogs.resources import RESOURCES


class Command(BaseCommand):
    help = "导入目录电子表格（XLSX 工作簿或 CSV）：全部成功才写入，任何一行有误则不写入并列出所有错误行。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="XLSX 或 CSV 文件")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")
        parser.add_argument(
            "--entity",
            help="目录类型（CSV 文件或只导入工作簿中的一类）："
            + "、".join(f"{r.entity}={r.sheet_name}" for r in RESOURCES),
        )
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, file, dry_run, entity, no_progress, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        bar = None

        def on_start(total: int) -> None:
            nonlocal bar
            bar = tqdm(
                total=total, unit="行", desc="导入", file=self.stderr._out, disable=no_progress, leave=False
            )

        def on_row() -> None:
            if bar is not None:
                bar.update()

        try:
            report = import_catalog(
                data=path.read_bytes(),
                filename=path.name,
                entity=entity,
                dry_run=dry_run,
                on_start=on_start,
                on_row=on_row,
            )
        except CatalogImportFailed as failure:
            if bar is not None:
                bar.close()
            for sheet in failure.report.sheets:
                self.stderr.write(str(sheet))
            for error in failure.report.errors:
                self.stderr.write(str(error))
            raise CommandError(failure.report.summary()) from None
        if bar is not None:
            bar.close()
        for sheet in report.sheets:
            self.stdout.write(str(sheet))
        self.stdout.write(self.style.SUCCESS(report.summary()))
