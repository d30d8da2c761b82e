"""Demo contact details: mobile numbers for the demo's applicants and handlers (SMS goes to the console provider,
which logs; no e-mail addresses, so `make demo` prints no mail)."""

from django.contrib.auth import get_user_model

from notifications.models import Contact

DEMO_CONTACTS = {
    "zhangsan": "13800000001",
    "lisi": "13800000002",
    "qiye": "13800000003",
    "handler_mz": "13900000001",
    "handler_sj": "13900000002",
}


def load(stdout=None) -> None:
    users = get_user_model().objects.filter(username__in=DEMO_CONTACTS)
    for user in users:
        Contact.objects.update_or_create(user=user, defaults={"phone": DEMO_CONTACTS[user.username]})
    if stdout is not None:
        stdout.write(f"通知方式 {users.count()} 人")
