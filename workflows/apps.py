from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = pgettext_lazy("app", "办件")  # the model's own name is singular
    default_auto_field = "django.db.models.BigAutoField"
