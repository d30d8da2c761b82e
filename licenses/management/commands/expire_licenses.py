from datetime import date

from django.core.management.base import BaseCommand, CommandError

from licenses.services import expire_due_licenses


class Command(BaseCommand):
    help = "将有效期已届满的电子证照标记为“过期”（与定时任务 licenses.expire_licenses 相同）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按该日期判断（YYYY-MM-DD，默认今天）")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as error:
            raise CommandError("日期格式应为 YYYY-MM-DD") from error
        count = expire_due_licenses(today=today)
        self.stdout.write(f"已将 {count} 个电子证照标记为过期")
