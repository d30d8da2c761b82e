"""Celery jobs: send one delivery (backing off on failure), re-send what is due, tell handlers of due-soon cases."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from notifications import services
from notifications.models import DeliveryState

logger = logging.getLogger("notifications.jobs")


@shared_task(name="notifications.send_delivery", acks_late=True, ignore_result=True)
def send_delivery(delivery_pk: int) -> str:
    delivery = services.send_delivery(delivery_pk=delivery_pk)
    if delivery is None:
        return "skipped"
    if delivery.state == DeliveryState.RETRYING and not getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        # with a worker, come back after the backoff; eager (embedded) mode leaves it to the sweep below
        send_delivery.apply_async((delivery_pk,), countdown=services.retry_delay(delivery.attempts))
    return delivery.state


@shared_task(name="notifications.retry_deliveries", ignore_result=True)
def retry_deliveries() -> int:
    """Beat: deliveries whose retry time has come, or whose job was lost, are tried again."""
    count = 0
    for pk in services.due_deliveries().values_list("pk", flat=True)[:500]:
        services.send_delivery(delivery_pk=pk)
        count += 1
    return count


@shared_task(name="notifications.notify_due_soon", ignore_result=True)
def notify_due_soon() -> int:
    """Beat (daily): handlers are told of cases due within NOTIFY_DUE_SOON_DAYS; once per case and day."""
    from notifications.triggers import due_soon

    count = due_soon(days=int(getattr(settings, "NOTIFY_DUE_SOON_DAYS", 1)))
    logger.info("notifications.due_soon.sent messages=%s", count)
    return count
