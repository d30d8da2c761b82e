from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "impact"
    verbose_name = _("规则变更影响")
    default_auto_field = "django.db.models.BigAutoField"
