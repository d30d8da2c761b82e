"""Case numbers: ``{service item code}-{yyyymmdd}-{seq:05d}``, per item and day, handed out under a row lock."""

from datetime import date

from django.db import IntegrityError, transaction

from workflows.models import CaseCounter


def next_case_number(*, service_code: str, day: date) -> str:
    """The next number of ``service_code`` on ``day``; two callers at once never get the same one."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                CaseCounter.objects.get_or_create(service_code=service_code, day=day)
        except IntegrityError:
            pass  # created by a concurrent caller between our read and insert
        counter = CaseCounter.objects.select_for_update().get(service_code=service_code, day=day)
        counter.last += 1
        counter.save(update_fields=["last"])
        return f"{service_code}-{day:%Y%m%d}-{counter.last:05d}"
