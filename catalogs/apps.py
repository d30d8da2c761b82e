from django.apps import AppConfig


class CatalogsConfig(AppConfig):
    name = "catalogs"
    verbose_name = "目录管理"
    default_auto_field = "django.db.models.BigAutoField"
