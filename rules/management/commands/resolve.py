"""manage.py resolve SERVICE_CODE --holder CODE [--answers JSON] [--channel window] [--version N] [--on DATE] [--json]"""

import json
from datetime import date

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from catalogs.errors import DomainError
from rules.resolution import resolve


class Command(BaseCommand):
    help = "按持证主体与回答生成某事项的材料清单与办理路径（用证规则解析）"

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version N selects a ruleset version; it replaces Django's own --version (print Django's version).
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("service_code", help="事项编码，如 630000-MZ-0001")
        parser.add_argument(
            "--holder", required=True, help="持证主体代码（居民身份证号码或统一社会信用代码）"
        )
        parser.add_argument(
            "--answers", default="{}", help="回答（JSON 对象），如 '{\"previously_divorced\": true}'"
        )
        parser.add_argument("--channel", default="online", help="办理渠道：online（默认）或 window")
        parser.add_argument("--version", type=int, help="使用已发布的第 N 版规则（默认取当日生效的版本）")
        parser.add_argument("--on", help="按哪一天解析（YYYY-MM-DD，默认今天）")
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, **options):
        try:
            answers = json.loads(options["answers"])
        except json.JSONDecodeError as error:
            raise CommandError(
                f"--answers 不是合法的 JSON：{error.msg}（第{error.pos + 1}个字符）"
            ) from error
        try:
            day = date.fromisoformat(options["on"]) if options["on"] else None
        except ValueError as error:
            raise CommandError(f"--on 不是日期：{options['on']}，格式应为 2026-01-31") from error
        try:
            resolution = resolve(
                service_code=options["service_code"],
                holder_code=options["holder"],
                answers=answers,
                channel=options["channel"],
                on=day,
                version=options["version"],
            )
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        except DomainError as error:
            fields = "".join(f"\n  {p['name']}：{p['reason']}" for p in error.params)
            raise CommandError(f"{error.message}{fields}") from error
        if options["json"]:
            self.stdout.write(json.dumps(resolution, ensure_ascii=False, indent=2, sort_keys=True))
            return
        self.stdout.write(
            f"{resolution['service']['name']}（{resolution['service']['code']}）· 规则第{resolution['ruleset']['version']}版 · {resolution['on']}"
        )
        for material in resolution["materials"]:
            source = f"第{material['row']}行" if material["row"] else "材料清单默认"
            self.stdout.write(
                f"  {material['name']}：{material['mode_label']}｜{material['reason']}（{source}）"
            )
        route = resolution["route"]
        self.stdout.write(f"办理路径：{route['label']}｜{route['reason']}")
        if resolution["fee_exempt"]:
            self.stdout.write("减免收费：" + "；".join(resolution["fee_exemption_reasons"]))
