from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs) -> None:
    from accounts.roles import sync_roles  # not at the top: roles imports models, apps.py loads before them

    sync_roles()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("账户与角色")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # after every app has migrated (sender=self would run before later apps' permissions exist)
        post_migrate.connect(_sync_roles, dispatch_uid="accounts.sync_roles")
