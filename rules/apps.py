from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "rules"
    verbose_name = _("用证规则")
    default_auto_field = "django.db.models.BigAutoField"
