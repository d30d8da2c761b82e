import json

from django.core.management.base import BaseCommand

from licenses.sharing_demo import setup_node


class Command(BaseCommand):
    help = "初始化本节点（演示网络）：演示目录、本节点服务区划内发证部门的签章密钥、两节点演示的人员与证照；输出 JSON"

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(setup_node(), ensure_ascii=False))
