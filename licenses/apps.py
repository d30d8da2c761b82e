from django.apps import AppConfig


class LicensesConfig(AppConfig):
    name = "licenses"
    verbose_name = "电子证照"
    default_auto_field = "django.db.models.BigAutoField"
