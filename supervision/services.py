"""The deadline job: flag accepted, undecided cases that are due soon or overdue, in working days.

Three UPDATE statements whatever the number of cases; run by Celery beat (``supervision.flag_deadlines``).
A case waiting for a supplement is not flagged (its clock is suspended); a decided case loses its flag at the
decision (workflows.services.facts) and here.
"""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from catalogs.workdays import add_working_days
from workflows.models import CLOCK_STATES, Case, DeadlineFlag

logger = logging.getLogger("supervision")


def due_soon_limit(*, on: date) -> date:
    """The last day counted as "due soon": ``DUE_SOON_WORKDAYS`` working days after ``on`` (default 2)."""
    return add_working_days(on, int(getattr(settings, "DUE_SOON_WORKDAYS", 2)))


def flag_deadlines(*, on: date | None = None) -> dict[str, int]:
    on = on or timezone.localdate()
    until = due_soon_limit(on=on)
    running = Q(state__in=CLOCK_STATES, due_on__isnull=False)
    overdue = running & Q(due_on__lt=on)
    soon = running & Q(due_on__gte=on, due_on__lte=until)
    with transaction.atomic():
        changed = {
            "overdue": Case.objects.filter(overdue)
            .exclude(deadline_flag=DeadlineFlag.OVERDUE)
            .update(deadline_flag=DeadlineFlag.OVERDUE),
            "due_soon": Case.objects.filter(soon)
            .exclude(deadline_flag=DeadlineFlag.DUE_SOON)
            .update(deadline_flag=DeadlineFlag.DUE_SOON),
            "cleared": Case.objects.filter(deadline_flag__in=[DeadlineFlag.OVERDUE, DeadlineFlag.DUE_SOON])
            .exclude(overdue | soon)
            .update(deadline_flag=DeadlineFlag.NONE),
        }
    logger.info("supervision.deadlines.flagged on=%s %s", on, changed)
    return changed
