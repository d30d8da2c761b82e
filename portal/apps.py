from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The applicant's pages (办事指南, 我需要准备什么, apply, 我的办件), built on the case engine."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("申请人门户")
