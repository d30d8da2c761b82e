"""manage.py seed_calendar [--years 2025-2027] [--strict]: load holidays and 调休 days from chinese-calendar.

Idempotent: run it after every deploy (a newer package brings next year's arrangement). Days and
years an administrator edited are never overwritten. Years the package does not know are reported;
enter them in the admin (节假日与调休, then confirm the 日历年度).
"""

import re

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from catalogs import services, workdays


def parse_years(text: str) -> list[int]:
    """``2025-2027``, ``2026`` or ``2025,2027`` → a list of years."""
    years: list[int] = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", part)
        if not match:
            raise CommandError(f"无法识别的年份“{part.strip()}”：请写成 2025-2027、2026 或 2025,2027")
        first, last = int(match[1]), int(match[2] or match[1])
        if last < first or last - first > 50:
            raise CommandError(f"年份范围“{part.strip()}”不正确")
        years.extend(range(first, last + 1))
    return years


class Command(BaseCommand):
    help = "从 chinese-calendar 软件包载入法定节假日和调休上班日（可重复执行，不覆盖管理员修改的日期）"

    def add_arguments(self, parser):
        parser.add_argument("--years", help="年份，例如 2025-2027（默认：2025 年至明年）")
        parser.add_argument(
            "--strict", action="store_true", help="所列年份中有未覆盖的年份时以非零状态退出（部署脚本用）"
        )

    def handle(self, *args, years, strict, **options):
        wanted = (
            parse_years(years) if years else list(services.default_calendar_years(today=timezone.localdate()))
        )
        report = services.seed_calendar(years=wanted)
        for line in report.lines():
            self.stdout.write(line)
        missing = workdays.uncovered_years(wanted)
        if missing and strict:
            raise CommandError("以下年份的节假日安排尚未覆盖：" + "、".join(map(str, missing)))
        if missing:
            self.stdout.write(self.style.WARNING("未覆盖的年份：" + "、".join(map(str, missing))))
        else:
            self.stdout.write(
                self.style.SUCCESS("工作日历已覆盖：" + "、".join(map(str, sorted(set(wanted)))))
            )
