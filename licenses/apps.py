from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class LicensesConfig(AppConfig):
    name = "licenses"
    verbose_name = pgettext_lazy("app", "电子证照")  # the model's own name is singular
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from licenses import checks  # noqa: F401  (registers the deploy checks)
        from licenses.gateway import revocations  # noqa: F401  (pushes revoked consents to partner nodes)
