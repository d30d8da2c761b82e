import json
from datetime import datetime

from cryptography.exceptions import InvalidTag
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from catalogs.errors import DomainError
from catalogs.models import Department
from licenses.models import KeyAlgorithm, SealKey
from licenses.selectors import trust_list
from licenses.services import create_seal_key, mark_key_compromised, rotate_seal_key
from licenses.services.keys import reencrypt_private_keys


class Command(BaseCommand):
    help = "管理发证部门签章密钥：list / create / rotate / compromise / trust-list / rekey"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="列出全部密钥")
        create = sub.add_parser("create", help="为部门生成密钥")
        create.add_argument("--department", required=True, help="部门统一社会信用代码")
        create.add_argument("--algorithm", default=KeyAlgorithm.ECDSA_P256, choices=KeyAlgorithm.values)
        create.add_argument("--untrusted", action="store_true", help="不列入信任列表（外省未交换的密钥）")
        rotate = sub.add_parser("rotate", help="轮换部门密钥：新密钥签章，旧密钥仅用于核验")
        rotate.add_argument("--department", required=True)
        rotate.add_argument("--algorithm", choices=KeyAlgorithm.values)
        rotate.add_argument("--reason", default="定期轮换")
        compromise = sub.add_parser("compromise", help="标记密钥自某时起泄露")
        compromise.add_argument("key_id")
        compromise.add_argument("--since", required=True, help="ISO 8601 时间，如 2026-05-01T08:00:00+08:00")
        compromise.add_argument("--reason", required=True)
        sub.add_parser("trust-list", help="以 JSON 输出签章信任列表")
        sub.add_parser(
            "rekey",
            help="轮换密钥加密密钥：用当前 SEAL_KEY_ENCRYPTION_KEY 重新加密全部私钥"
            "（旧值放在 SEAL_KEY_ENCRYPTION_KEY_PREVIOUS）",
        )

    def _department(self, uscc: str) -> Department:
        department = Department.objects.filter(uscc=uscc).first()
        if department is None:
            raise CommandError(f"找不到部门：{uscc}")
        return department

    def handle(self, *args, **options):
        action = options["action"]
        try:
            if action == "list":
                for key in SealKey.objects.select_related("department"):
                    trusted = "信任" if key.trusted else "不在信任列表"
                    self.stdout.write(
                        f"{key.key_id}\t{key.department.name}\t{key.algorithm}\t{key.get_state_display()}\t{trusted}"
                    )
            elif action == "create":
                key = create_seal_key(
                    department=self._department(options["department"]),
                    algorithm=options["algorithm"],
                    trusted=not options["untrusted"],
                )
                self.stdout.write(f"已生成密钥 {key.key_id}")
            elif action == "rotate":
                key = rotate_seal_key(
                    department=self._department(options["department"]),
                    algorithm=options["algorithm"],
                    reason=options["reason"],
                )
                self.stdout.write(f"已轮换，新密钥 {key.key_id}")
            elif action == "compromise":
                key = SealKey.objects.filter(key_id=options["key_id"]).first()
                if key is None:
                    raise CommandError(f"找不到密钥：{options['key_id']}")
                try:
                    since = datetime.fromisoformat(options["since"])
                except ValueError as error:
                    raise CommandError("--since 应为 ISO 8601 时间") from error
                if timezone.is_naive(since):
                    since = timezone.make_aware(since)
                mark_key_compromised(key=key, since=since, reason=options["reason"])
                self.stdout.write(f"已标记 {key.key_id} 自 {since.isoformat()} 起泄露")
            elif action == "trust-list":
                self.stdout.write(json.dumps(trust_list(), ensure_ascii=False, indent=2))
            elif action == "rekey":
                try:
                    count = reencrypt_private_keys()
                except InvalidTag as error:
                    raise CommandError(
                        f"{error}；请把旧的密钥加密密钥放入 SEAL_KEY_ENCRYPTION_KEY_PREVIOUS 后重试（未做任何改动）"
                    ) from error
                self.stdout.write(
                    f"已用当前密钥加密密钥重新加密 {count} 个签章私钥；确认无误后可删除 SEAL_KEY_ENCRYPTION_KEY_PREVIOUS"
                )
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        except DomainError as error:
            raise CommandError(error.message) from error
