from django.core.management.base import BaseCommand

from accounts.demo import DEMO_USERS
from accounts.models import User
from accounts.roles import ROLE_LABELS


class Command(BaseCommand):
    help = "列出演示账号及其角色"

    def handle(self, *args, **options):
        for username, real_name, role, _dept, _holder, _staff in DEMO_USERS + [
            ("admin", "系统管理员", None, None, None, True)
        ]:
            user = User.objects.filter(username=username).select_related("department").first()
            if user is None:
                continue
            label = ROLE_LABELS.get(role, "系统管理员（全部权限）")
            where = f"，{user.department.name}" if user.department_id else ""
            self.stdout.write(f"  {username:<12} {label}{where} — {real_name}")
