from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("消息通知")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from notifications import channels, sms  # noqa: F401  (register the channels and SMS providers)
        from notifications.triggers import case_event_saved
        from workflows.models import CaseEvent

        post_save.connect(case_event_saved, sender=CaseEvent, dispatch_uid="notifications.case_event_saved")
