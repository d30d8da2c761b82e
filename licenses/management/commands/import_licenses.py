import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from catalogs.models import Department
from catalogs.workbooks import UnreadableFile
from licenses.errors import NoActiveKey
from licenses.importing import import_licenses, read_dataset


class Command(BaseCommand):
    help = "存量证照电子化：从 XLSX/CSV 批量导入并加盖发证部门电子印章（任一行有误则全部不导入）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="XLSX 或 CSV 文件（首行为列名）")
        parser.add_argument("--issuer", required=True, help="发证部门的统一社会信用代码或名称")
        parser.add_argument("--dry-run", action="store_true", help="只校验，列出有误的行，不导入")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, **options):
        issuer = (
            Department.objects.filter(uscc=options["issuer"]).first()
            or Department.objects.filter(name=options["issuer"]).first()
        )
        if issuer is None:
            raise CommandError(f"找不到发证部门：{options['issuer']}")
        try:
            dataset = read_dataset(Path(options["file"]))
        except UnreadableFile as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"无法打开文件：{error.strerror or error}") from error
        quiet = options["no_progress"]
        sealing: list[tqdm] = []

        def on_sealed(count: int) -> None:  # the sealing bar appears only once every row passed
            if not sealing:
                sealing.append(
                    tqdm(total=len(dataset), desc="签章", unit="张", disable=quiet, file=sys.stderr)
                )
            sealing[0].update(count)

        with tqdm(total=len(dataset), desc="校验", unit="行", disable=quiet, file=sys.stderr) as checked:
            try:
                outcome = import_licenses(
                    dataset=dataset,
                    issuer=issuer,
                    dry_run=options["dry_run"],
                    on_row=checked.update,
                    on_sealed=on_sealed,
                )
            except NoActiveKey as error:
                raise CommandError(error.message) from error
            finally:
                for bar in sealing:
                    bar.close()
        if not outcome.ok:
            for problem in outcome.problems:
                self.stdout.write(str(problem))
            raise CommandError(
                f"共 {outcome.total} 行，其中 {len({p.line for p in outcome.problems})} 行有误，未导入任何证照"
            )
        if outcome.dry_run:
            self.stdout.write(f"校验通过：{outcome.total} 行均可导入（试运行，未导入）")
        else:
            self.stdout.write(f"已导入并签章 {outcome.created} 个电子证照（{issuer.name}）")
