from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LicensesConfig(AppConfig):
    name = "licenses"
    verbose_name = _("电子证照")
    default_auto_field = "django.db.models.BigAutoField"
