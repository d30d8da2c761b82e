from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "forms"
    label = "forms"
    verbose_name = "表单与文书"
    default_auto_field = "django.db.models.BigAutoField"
