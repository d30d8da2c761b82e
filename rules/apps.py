from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "rules"
    verbose_name = "用证规则"
    default_auto_field = "django.db.models.BigAutoField"
