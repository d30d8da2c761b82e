"""Two policy officers publishing the same draft at once: exactly one wins (row locks on PostgreSQL)."""

from datetime import date

import pytest

from catalogs.errors import DomainError
from catalogs.models import ServiceItem
from catalogs.services import create_draft_version, publish_service_item
from tests.concurrency import run_at_once
from tests.factories import MaterialFactory, ServiceItemFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def publish_concurrently(item_ids_and_dates: list[tuple[int, date]]) -> list[str]:
    def publish(pk: int, day: date) -> str:
        try:
            publish_service_item(item=ServiceItem.objects.get(pk=pk), effective_from=day)
            return "published"
        except DomainError as error:
            return error.code

    outcomes, errors = run_at_once(
        [lambda pk=pk, day=day: publish(pk, day) for pk, day in item_ids_and_dates]
    )
    assert errors == []
    return sorted(outcomes)


def test_the_same_draft_published_twice_at_once_is_published_exactly_once():
    item = ServiceItemFactory()
    MaterialFactory(service_item=item)
    outcomes = publish_concurrently([(item.pk, date(2026, 1, 1)), (item.pk, date(2026, 2, 1))])
    assert outcomes == ["published", "version-conflict"]
    assert ServiceItem.objects.filter(code=item.code, status="published").count() == 1


def test_concurrent_publishes_of_one_item_leave_no_overlapping_windows():
    first = ServiceItemFactory()
    MaterialFactory(service_item=first)
    v1 = publish_service_item(item=first, effective_from=date(2026, 1, 1))
    draft = create_draft_version(item=v1)
    outcomes = publish_concurrently([(draft.pk, date(2026, 3, 1)), (draft.pk, date(2026, 4, 1))])
    assert outcomes == ["published", "version-conflict"]
    windows = list(
        ServiceItem.objects.filter(code=first.code)
        .order_by("version")
        .values_list("valid_from", "valid_until")
    )
    assert windows[0][1] == windows[1][0]
    assert windows[1][1] is None
