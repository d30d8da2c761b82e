"""Fill a development or benchmark database with generated cases (supervision.generate); never on production."""

from django.core.management.base import BaseCommand, CommandError

from supervision.generate import generate, replicate
from supervision.services import flag_deadlines


class Command(BaseCommand):
    help = "写入生成的办件（含证照、上传、日志、待办、好差评与整改），用于统计演示和性能测试"

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000, help="在 Python 中生成的办件数")
        parser.add_argument("--copies", type=int, default=1, help="在数据库中复制为几份（仅 PostgreSQL）")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--months", type=int, default=24)

    def handle(self, *args, count, copies, seed, months, **options):
        if count < 1 or copies < 1:
            raise CommandError("--count 和 --copies 须为正整数")
        try:
            report = generate(count=count, seed=seed, months=months)
            copied = replicate(report, times=copies) if copies > 1 else 0.0
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        flagged = flag_deadlines()
        self.stdout.write(
            f"已生成 {count * copies} 件（Python {report.seconds:.1f} 秒，复制 {copied:.1f} 秒）；时限预警 {flagged}"
        )
