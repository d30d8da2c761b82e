from django.core.management.base import BaseCommand, CommandError

from licenses.audit import verify_chain
from licenses.audit.checkpoints import verify_checkpoints


class Command(BaseCommand):
    help = "核对用证记录的哈希链及其签名检查点；发现被修改、删除或截断的记录时以非零状态退出并指出第一条"

    def handle(self, *args, **options):
        checked, broken = verify_chain()
        if broken is not None:
            raise CommandError(f"用证记录哈希链断裂：{broken}（此前 {checked} 条完好）")
        anchored = verify_checkpoints()
        if anchored.broken is not None:
            raise CommandError(f"用证记录与签名检查点不符：{anchored.broken}")
        self.stdout.write(self.style.SUCCESS(f"用证记录哈希链完好：共 {checked} 条"))
        if not anchored.configured:
            self.stdout.write(
                self.style.WARNING(
                    "未配置 AUDIT_CHECKPOINT_DIR：无法发现末尾截断、清空或整体重算（见 docs/sharing.md）"
                )
            )
        else:
            self.stdout.write(
                f"与 {anchored.checked} 个签名检查点一致（最新检查点：第 {anchored.last_seq} 条）"
            )
