"""Run one demo case of a service item to its end and report each stage: ``manage.py demo_case CODE``."""

import json

from django.core.management.base import BaseCommand, CommandError

from catalogs.errors import DomainError
from workflows.demo_runner import run_case


class Command(BaseCommand):
    help = "以演示申请人办理一个事项直至归档，打印办件编号、各阶段用时与归档四性检测结果（未办结时以非零状态退出）"

    def add_arguments(self, parser):
        parser.add_argument("service_code", help="事项编码，如 630000-MZ-0001")
        parser.add_argument("--holder", help="申请主体代码（默认选用持有所需证照最多的演示申请人）")
        parser.add_argument("--answers", help="申请人回答（JSON），如 '{\"previously_divorced\": false}'")
        parser.add_argument("--approve", action="store_true", help="需人工审查时，以演示审批人员受理并准予")
        parser.add_argument("--timeout", type=float, default=120, help="等待后台步骤的秒数（默认 120）")

    def handle(self, *args, service_code, holder, answers, approve, timeout, **options):
        try:
            parsed = json.loads(answers) if answers else None
        except json.JSONDecodeError as error:
            raise CommandError(f"--answers 不是有效的 JSON：{error}") from error
        if parsed is not None and not isinstance(parsed, dict):
            raise CommandError('--answers 应为对象，如 {"key": "value"}')
        try:
            run = run_case(
                service_code=service_code,
                holder_code=holder,
                answers=parsed,
                approve=approve,
                timeout=timeout,
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        case = run.case
        self.stdout.write(
            f"办件编号：{case.number}（{case.service_item.name}，申请人 {case.holder_name}，"
            f"{'即时办结' if case.route == 'instant' and not case.reviewer_id else '人工审查'}）"
        )
        self.stdout.write("各阶段用时（按办件日志的时间）：")
        for name, seconds in run.stages:
            self.stdout.write(f"  {name}：{seconds * 1000:.0f} ms")
        self.stdout.write(f"状态：{case.get_state_display()}（{case.activity}）")
        if case.issued_license_id:
            self.stdout.write(f"同步制发：{case.issued_license.name} {case.issued_license.identifier}")
        if run.check_ok is not None:
            self.stdout.write(
                f"归档四性检测：{'通过' if run.check_ok else '不通过'} {case.archive_package.package_id}"
            )
            for failure in run.check_failures:
                self.stdout.write(f"  - {failure}")
        if not run.finished:
            hint = (
                "（需人工审查，可加 --approve 以演示审批人员准予）"
                if case.state == "awaiting_acceptance"
                else ""
            )
            raise CommandError(f"办件未办结：当前为“{case.get_state_display()}”{hint}")
        if not run.check_ok:
            raise CommandError("归档信息包未通过四性检测")
