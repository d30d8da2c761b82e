"""One demo login per role (DESIGN.md), plus an administrator. The password comes from
DEMO_PASSWORD (default printed by `make demo`); never load the demo into production."""

import os

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from stdnum.cn import ric

from accounts.models import User
from accounts.roles import APPLICANT, AUDITOR, HANDLER, ISSUER, POLICY_STAFF, ROLE_LABELS, sync_roles
from catalogs import demo as catalog_demo
from catalogs.identifiers import guess_holder_code_type

DEFAULT_DEMO_PASSWORD = "mzb-demo-2026"


def citizen_id(region: str, birth: str, serial: int) -> str:
    body = f"{region}{birth}{serial:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder check digit


def enterprise_uscc(serial: int) -> str:
    return catalog_demo.make_uscc("91630100", serial)


# username, real name, role, department key, holder code (callable for laziness), staff?
DEMO_USERS = [
    ("zhangsan", "张三", APPLICANT, None, lambda: citizen_id("630102", "19900101", 123), False),
    ("lisi", "李四", APPLICANT, None, lambda: citizen_id("630103", "19920315", 246), False),
    ("qiye", "王五（青海高原乳业有限公司经办人）", APPLICANT, None, lambda: enterprise_uscc(10000001), False),
    ("handler_mz", "马晓梅", HANDLER, "CDMZ", None, True),
    ("handler_sj", "李审批", HANDLER, "SJ", None, True),
    ("policy", "赵政策", POLICY_STAFF, "ZW", None, True),
    ("issuer_ga", "韩警官", ISSUER, "GA", None, True),
    ("auditor", "周监管", AUDITOR, "ZW", None, True),
]


@transaction.atomic
def load(stdout=None) -> list[tuple[str, str]]:
    sync_roles()
    password = os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
    logins = []
    for username, real_name, role, dept_key, holder, is_staff in DEMO_USERS:
        code = holder() if holder else ""
        user, created = User.objects.get_or_create(username=username)
        user.real_name = real_name
        user.is_staff = is_staff
        user.department = catalog_demo.department(dept_key) if dept_key else None
        user.holder_code = code
        user.holder_code_type = guess_holder_code_type(code) if code else ""
        user.holder_verified_at = timezone.now() if code else None
        if created:
            user.set_password(password)
        user.full_clean()
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        logins.append((username, ROLE_LABELS[role]))
    admin, created = User.objects.get_or_create(username="admin", defaults={"real_name": "系统管理员"})
    admin.is_staff = admin.is_superuser = True
    if created:
        admin.set_password(password)
    admin.save()
    logins.append(("admin", "系统管理员"))
    if stdout is not None:
        stdout.write(f"{len(logins)} 个演示账号")
    return logins
