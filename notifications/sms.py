"""SMS providers (短信通道): plugins in the project's one registry; settings.NOTIFY_SMS_PROVIDER picks one.

A provider is an object with ``send(*, phone, text)`` that returns a provider reference or raises
``SmsFailed`` (or anything else: the delivery is retried with backoff either way).
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings

from catalogs.errors import DomainError
from catalogs.registry import Registry

logger = logging.getLogger("notifications.sms")


class SmsFailed(DomainError):
    code = "sms-failed"
    status = 502


class SmsProvider:
    label = ""

    def send(self, *, phone: str, text: str) -> str:  # pragma: no cover - interface
        raise NotImplementedError


sms_providers: Registry[SmsProvider] = Registry("短信通道")


def masked_phone(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 11 else "***"


class ConsoleProvider(SmsProvider):
    """The demo's provider: writes the text to the log instead of sending it (the number masked)."""

    label = "控制台（演示）"

    def send(self, *, phone: str, text: str) -> str:
        logger.info("notifications.sms.console to=%s text=%s", masked_phone(phone), text)
        return "console"


class HttpProvider(SmsProvider):
    """A gateway reached over HTTP: POST JSON {phone, text} to NOTIFY_SMS_HTTP_URL with a bearer token;
    any 2xx answer is sent (its ``id`` kept), anything else — or no answer in time — raises."""

    label = "HTTP 短信网关"

    def send(self, *, phone: str, text: str) -> str:
        url = getattr(settings, "NOTIFY_SMS_HTTP_URL", "")
        if not url:
            raise SmsFailed("未配置短信网关地址（NOTIFY_SMS_HTTP_URL）")
        body = json.dumps({"phone": phone, "text": text}, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(url, data=body, method="POST")
        request.add_header("Content-Type", "application/json; charset=utf-8")
        token = getattr(settings, "NOTIFY_SMS_HTTP_TOKEN", "")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        timeout = float(getattr(settings, "NOTIFY_SMS_HTTP_TIMEOUT", 5))
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (configured URL)
                answer = response.read(10_000)
        except urllib.error.HTTPError as error:
            raise SmsFailed(f"短信网关拒绝发送（HTTP {error.code}）") from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise SmsFailed(f"短信网关无法连接：{getattr(error, 'reason', error)}") from error
        try:
            return str(json.loads(answer or b"{}").get("id", ""))[:100]
        except (ValueError, AttributeError):
            return ""


sms_providers.register_instance("console", ConsoleProvider())
sms_providers.register_instance("http", HttpProvider())
