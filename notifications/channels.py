"""The one notifier interface: a channel knows a person's address for it and sends a message there.

    channels["email"].address_for(user)        # "" when the person cannot (or does not want to) be reached
    channels["email"].send(message, address)   # raises on failure; the delivery is retried

E-mail goes through Django's mail backend (EMAIL_BACKEND); SMS through the provider NOTIFY_SMS_PROVIDER names
in ``notifications.sms.sms_providers``. settings.NOTIFY_CHANNELS lists the channels in use (the inbox always is).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail

from catalogs.registry import Registry
from notifications.models import Contact, Message
from notifications.sms import sms_providers


class Channel:
    label = ""

    def address_for(self, user) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def send(self, message: Message, address: str) -> str:  # pragma: no cover - interface
        raise NotImplementedError


channels: Registry[Channel] = Registry("通知渠道")


def _contact(user) -> Contact | None:
    try:
        return user.contact
    except Contact.DoesNotExist:
        return None


def full_link(message: Message) -> str:
    if not message.link:
        return ""
    return settings.PUBLIC_BASE_URL.rstrip("/") + message.link


class EmailChannel(Channel):
    label = "电子邮件"

    def address_for(self, user) -> str:
        contact = _contact(user)
        if contact is not None and not contact.by_email:
            return ""
        return (user.email or "").strip()

    def send(self, message: Message, address: str) -> str:
        link = full_link(message)
        body = message.body + (f"\n\n查看详情：{link}" if link else "") + "\n\n——青海省电子证照“免证办”"
        send_mail(f"【免证办】{message.title}", body, settings.DEFAULT_FROM_EMAIL, [address])
        return ""


class SmsChannel(Channel):
    label = "短信"

    def address_for(self, user) -> str:
        contact = _contact(user)
        if contact is None or not contact.by_sms:
            return ""
        return contact.phone

    def send(self, message: Message, address: str) -> str:
        provider = sms_providers[getattr(settings, "NOTIFY_SMS_PROVIDER", "console")]
        limit = int(getattr(settings, "NOTIFY_SMS_MAX_CHARS", 200))
        text = f"【免证办】{message.title}：{message.body}"
        return provider.send(phone=address, text=text if len(text) <= limit else text[: limit - 1] + "…")


channels.register_instance("email", EmailChannel())
channels.register_instance("sms", SmsChannel())


def channels_in_use() -> list[str]:
    return [name for name in getattr(settings, "NOTIFY_CHANNELS", ["email", "sms"]) if name in channels]
