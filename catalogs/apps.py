from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogsConfig(AppConfig):
    name = "catalogs"
    verbose_name = _("目录管理")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from catalogs import checks  # noqa: F401  registers the calendar coverage check
