import pytest
from django.core.management import call_command

from catalogs.identifiers import check_uscc
from catalogs.models import Department, LicenseType, Region, ServiceItem
from catalogs.models.license_types import validate_license_type_code

pytestmark = pytest.mark.django_db


def test_the_demo_catalog_has_the_seed_departments_license_types_and_service_items(demo_catalog):
    assert Department.objects.count() >= 15
    assert LicenseType.objects.count() >= 28
    assert ServiceItem.objects.current().count() >= 20
    for name in [
        "居民身份证",
        "户口簿",
        "出生医学证明",
        "结婚证",
        "离婚证",
        "营业执照",
        "烟草专卖零售许可证",
        "取水许可证",
    ]:
        assert LicenseType.objects.filter(name=name).exists(), name
    for name in [
        "内地居民婚姻登记",
        "生育登记",
        "新生儿入户",
        "户籍迁移",
        "异地就医备案",
        "企业设立登记",
        "企业纳税缴费登记",
    ]:
        assert ServiceItem.objects.current().filter(name=name).exists(), name
    assert set(Region.objects.values_list("code", flat=True)) >= {
        "630000",
        "630100",
        "630200",
        "632200",
        "632300",
        "632500",
        "632600",
        "632700",
        "632800",
    }


def test_every_demo_code_passes_its_check_character(demo_catalog):
    for department in Department.objects.all():
        check_uscc(department.uscc)
    for license_type in LicenseType.objects.all():
        validate_license_type_code(license_type.code)


def test_loading_the_demo_twice_changes_nothing(demo_catalog):
    before = {
        model.__name__: model.objects.count() for model in (Region, Department, LicenseType, ServiceItem)
    }
    call_command("load_demo", stdout=open("/dev/null", "w"))
    call_command("load_demo", stdout=open("/dev/null", "w"))
    after = {
        model.__name__: model.objects.count() for model in (Region, Department, LicenseType, ServiceItem)
    }
    assert before == after


def test_demo_items_carry_statutory_limits_their_promises_respect(demo_catalog):
    current = ServiceItem.objects.current()
    assert current.get(name="企业设立登记").statutory_days == 15
    assert (
        current.get(name="内地居民婚姻登记").promised_days,
        current.get(name="内地居民婚姻登记").statutory_days,
    ) == (0, 1)
    assert current.filter(statutory_days__isnull=True).exists()  # many public services have none
    for item in current.exclude(statutory_days__isnull=True):
        assert item.promised_days <= item.statutory_days, item.name
