import json

from django.core.management.base import BaseCommand

from licenses.audit import Reader, record_access
from licenses.models import AccessChannel, AccessResult
from licenses.verification import verify_license


class Command(BaseCommand):
    help = "核验一个电子证照：签章、信任列表、标识校验位、状态、有效期、持证主体"

    def add_arguments(self, parser):
        parser.add_argument("identifier", help="证照标识（1.2.156.3005.2.…）")
        parser.add_argument("--holder", help="持证主体代码（身份证号码或统一社会信用代码）")
        parser.add_argument("--type", dest="type_code", help="期望的证照类型代码")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出核验报告")
        parser.add_argument("--purpose", default="命令行核验", help="用证事由（记入用证记录）")

    def handle(self, *args, **options):
        report = verify_license(
            identifier=options["identifier"], holder_code=options["holder"], type_code=options["type_code"]
        )
        version = report.version
        record_access(
            reader=Reader(channel=AccessChannel.COMMAND, purpose=options["purpose"][:200]),
            result=AccessResult.GRANTED if version else AccessResult.NOT_FOUND,
            license=version.license if version else None,
            license_identifier=report.identifier,
            license_name=version.name if version else "",
            detail=report.result_label,
        )
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(f"核验结果：{report.result_label}（{report.result}）")
            for check in report.checks:
                self.stdout.write(f"  {'✓' if check.ok else '✗'} {check.name}：{check.message}")
        if not report.ok:
            raise SystemExit(1)
