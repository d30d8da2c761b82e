from datetime import date

import pytest

from catalogs.errors import PublishRefused, VersionConflict
from catalogs.models import LicenseTypeStatus, ServiceItem
from catalogs.services import create_draft_version, publish_service_item, retire_service_item
from tests.factories import MaterialFactory, QuestionFactory, ServiceItemFactory

pytestmark = pytest.mark.django_db


def publishable_item(**kwargs) -> ServiceItem:
    item = ServiceItemFactory(**kwargs)
    MaterialFactory(service_item=item)
    return item


def test_publishing_sets_the_effective_date_and_freezes_the_version():
    item = publishable_item()
    published = publish_service_item(item=item, effective_from=date(2026, 3, 1))
    assert (published.status, published.valid_from, published.valid_until) == (
        "published",
        date(2026, 3, 1),
        None,
    )
    with pytest.raises(VersionConflict):
        publish_service_item(item=published, effective_from=date(2026, 4, 1))


def test_editing_a_published_item_creates_a_new_draft_with_its_materials_and_questions():
    item = publishable_item()
    QuestionFactory(service_item=item, key="divorced")
    v1 = publish_service_item(item=item, effective_from=date(2026, 1, 1))
    v2 = create_draft_version(item=v1)
    assert (v2.version, v2.status, v2.code) == (2, "draft", v1.code)
    assert [q.key for q in v2.questions.all()] == ["divorced"]
    assert v2.materials.count() == 1
    assert create_draft_version(item=v1).pk == v2.pk  # one draft per item


def test_validity_windows_of_one_items_versions_never_overlap():
    v1 = publish_service_item(item=publishable_item(code="630000-T-0001"), effective_from=date(2026, 1, 1))
    v2 = publish_service_item(item=create_draft_version(item=v1), effective_from=date(2026, 6, 1))
    v3 = publish_service_item(item=create_draft_version(item=v2), effective_from=date(2026, 9, 1))
    windows = [
        (v.valid_from, v.valid_until)
        for v in ServiceItem.objects.filter(code="630000-T-0001").order_by("version")
    ]
    assert windows == [
        (date(2026, 1, 1), date(2026, 6, 1)),
        (date(2026, 6, 1), date(2026, 9, 1)),
        (date(2026, 9, 1), None),
    ]
    for day in (date(2026, 1, 1), date(2026, 5, 31), date(2026, 6, 1), date(2026, 12, 31)):
        assert ServiceItem.objects.filter(code="630000-T-0001").effective_on(day).count() == 1
    assert ServiceItem.objects.filter(code="630000-T-0001").effective_on(date(2025, 12, 31)).count() == 0
    assert v3.version == 3


def test_a_version_cannot_start_before_an_already_published_one():
    v1 = publish_service_item(item=publishable_item(), effective_from=date(2026, 6, 1))
    with pytest.raises(PublishRefused, match="请选择更晚的生效日期"):
        publish_service_item(item=create_draft_version(item=v1), effective_from=date(2026, 6, 1))


def test_retired_versions_stay_readable():
    v1 = publish_service_item(item=publishable_item(), effective_from=date(2026, 1, 1))
    retire_service_item(item=v1, effective_until=date(2026, 2, 1))
    v1.refresh_from_db()
    assert v1.valid_until == date(2026, 2, 1)
    assert ServiceItem.objects.filter(pk=v1.pk).exists()
    assert not v1.is_effective_on(date(2026, 2, 1))
    assert v1.is_effective_on(date(2026, 1, 31))


def test_publishing_refuses_an_item_without_department():
    item = publishable_item(department=None)
    with pytest.raises(PublishRefused, match="未设置实施部门"):
        publish_service_item(item=item, effective_from=date(2026, 1, 1))


def test_publishing_refuses_an_item_needing_a_retired_license_type():
    item = publishable_item()
    material = item.materials.get()
    material.license_type.status = LicenseTypeStatus.RETIRED
    material.license_type.save()
    with pytest.raises(PublishRefused, match=f"{material.license_type.name}.*已停用"):
        publish_service_item(item=item, effective_from=date(2026, 1, 1))


def test_publishing_refuses_an_item_without_materials():
    with pytest.raises(PublishRefused, match="材料清单为空"):
        publish_service_item(item=ServiceItemFactory(), effective_from=date(2026, 1, 1))
