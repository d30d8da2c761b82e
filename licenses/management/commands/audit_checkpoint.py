from django.core.management.base import BaseCommand, CommandError

from licenses.audit.checkpoints import write_checkpoint


class Command(BaseCommand):
    help = "为用证记录哈希链写入一个签名检查点（序号 + 摘要），追加到 AUDIT_CHECKPOINT_DIR 中的文件"

    def handle(self, *args, **options):
        try:
            line = write_checkpoint()
        except ValueError as error:
            raise CommandError(str(error)) from error
        if line is None:
            self.stdout.write("自上一个检查点以来没有新记录，未写入")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"已写入检查点：第 {line['seq']} 条，摘要 {line['hash'][:16]}…，密钥指纹 {line['key'][:16]}…"
                )
            )
