from django.core.management.base import BaseCommand, CommandError

from licenses.audit import verify_chain


class Command(BaseCommand):
    help = "核对用证记录的哈希链；发现被修改或删除的记录时以非零状态退出并指出第一条"

    def handle(self, *args, **options):
        checked, broken = verify_chain()
        if broken is not None:
            raise CommandError(f"用证记录哈希链断裂：{broken}（此前 {checked} 条完好）")
        self.stdout.write(self.style.SUCCESS(f"用证记录哈希链完好：共 {checked} 条"))
