"""Writes of notifications: a message (once per key) with its deliveries, marking read, sending a delivery."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from catalogs.errors import DomainError
from notifications.channels import channels, channels_in_use
from notifications.models import Delivery, DeliveryState, Message

logger = logging.getLogger("notifications")


class MessageNotFound(DomainError):
    code = "message-not-found"
    status = 404


def notify(
    *, recipient, kind: str, key: str, title: str, body: str, case=None, link: str = ""
) -> Message | None:
    """The message for ``key`` (created once, however often the cause is seen) and one delivery per channel
    the recipient can be reached on; the deliveries are sent by a Celery job after commit."""
    if recipient is None or not recipient.is_active:
        return None
    existing = Message.objects.filter(key=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            message = Message.objects.create(
                recipient=recipient,
                kind=kind,
                key=key[:120],
                title=title[:200],
                body=body,
                case=case,
                link=link[:300],
            )
            for name in channels_in_use():
                address = channels[name].address_for(recipient)
                if address:
                    delivery = Delivery.objects.create(message=message, channel=name, address=address)
                    _send_later(delivery.pk)
    except IntegrityError:
        return Message.objects.filter(key=key).first()  # a concurrent delivery of the same cause won
    logger.info("notifications.message.created kind=%s case=%s", kind, getattr(case, "number", "-"))
    return message


def _send_later(delivery_pk: int) -> None:
    def send() -> None:
        from notifications.tasks import send_delivery

        try:
            send_delivery.delay(delivery_pk)
        except Exception:  # the broker is down: the sweep (notifications.retry_deliveries) sends it later
            logger.exception("notifications.delivery.enqueue_failed delivery=%s", delivery_pk)

    transaction.on_commit(send, robust=True)


def retry_delay(attempts: int) -> float:
    base = float(getattr(settings, "NOTIFY_RETRY_SECONDS", 30))
    ceiling = float(getattr(settings, "NOTIFY_RETRY_MAX_SECONDS", 3600))
    return min(base * (2 ** max(attempts - 1, 0)), ceiling)


def send_delivery(*, delivery_pk: int) -> Delivery | None:
    """Try one delivery once. The row is claimed under a lock (a concurrent worker skips it); a failure is
    recorded with the next attempt's time, and after NOTIFY_MAX_ATTEMPTS the delivery is given up as failed."""
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True)
            .select_related("message", "message__recipient")
            .filter(pk=delivery_pk, state__in=(DeliveryState.PENDING, DeliveryState.RETRYING))
            .first()
        )
        if delivery is None:
            return None
        if delivery.next_attempt_at and delivery.next_attempt_at > now + timedelta(seconds=1):
            return None  # a retry that is not due yet (the job's countdown and the sweep may both come)
        delivery.attempts += 1
        try:
            channels[delivery.channel].send(delivery.message, delivery.address)
        except Exception as error:  # any failure of the channel: record it and try again later
            delivery.last_error = (f"{type(error).__name__}: {error}")[:500]
            if delivery.attempts >= int(getattr(settings, "NOTIFY_MAX_ATTEMPTS", 5)):
                delivery.state, delivery.next_attempt_at = DeliveryState.FAILED, None
                logger.error(
                    "notifications.delivery.failed delivery=%s channel=%s attempts=%s",
                    delivery.pk,
                    delivery.channel,
                    delivery.attempts,
                )
            else:
                delivery.state = DeliveryState.RETRYING
                delivery.next_attempt_at = now + timedelta(seconds=retry_delay(delivery.attempts))
                logger.warning(
                    "notifications.delivery.retrying delivery=%s channel=%s attempts=%s",
                    delivery.pk,
                    delivery.channel,
                    delivery.attempts,
                )
        else:
            delivery.state, delivery.sent_at, delivery.next_attempt_at = DeliveryState.SENT, now, None
            delivery.last_error = ""
        delivery.save()
    return delivery


def due_deliveries(*, now=None):
    """Deliveries to send again: retries whose time has come, and pending ones whose job was lost."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=int(getattr(settings, "NOTIFY_PENDING_STALE_SECONDS", 300)))
    retry = Delivery.objects.filter(state=DeliveryState.RETRYING, next_attempt_at__lte=now)
    lost = Delivery.objects.filter(state=DeliveryState.PENDING, created_at__lte=stale)
    return (retry | lost).order_by("id")


def mark_read(*, user, message_pk: int) -> Message:
    message = Message.objects.filter(pk=message_pk, recipient=user).first()
    if message is None:
        raise MessageNotFound("没有找到这条消息，它可能已被删除")
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
    return message


def mark_all_read(*, user) -> int:
    return Message.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
