"""factory-boy factories for the catalogs and accounts; codes are generated with correct check characters."""

import itertools

import factory
from stdnum.cn import ric, uscc

from accounts.models import User
from catalogs.models import (
    Department,
    FaceField,
    LicenseType,
    MaterialRequirement,
    Question,
    Region,
    ServiceItem,
)

_serial = itertools.count(1)


def valid_uscc(prefix: str = "11630000") -> str:
    body = f"{prefix}{next(_serial) + 500000000:09d}"
    return body + uscc.calc_check_digit(body)


def valid_citizen_id(region: str = "630102", birth: str = "19850101") -> str:
    body = f"{region}{birth}{next(_serial) % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "630000"
    name = "青海省"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"测试部门{n}")
    uscc = factory.LazyFunction(valid_uscc)
    region = factory.SubFactory(RegionFactory)
    level = "province"


class LicenseTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LicenseType

    name = factory.Sequence(lambda n: f"测试证照{n}")
    code = factory.LazyFunction(lambda: valid_uscc() + "001")
    holder_kind = "person"


class FaceFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FaceField

    license_type = factory.SubFactory(LicenseTypeFactory)
    key = factory.Sequence(lambda n: f"field_{n}")
    label = factory.Sequence(lambda n: f"字段{n}")
    field_type = "text"


class ServiceItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceItem

    code = factory.Sequence(lambda n: f"630000-TEST-{n:04d}")
    name = factory.Sequence(lambda n: f"测试事项{n}")
    department = factory.SubFactory(DepartmentFactory)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    service_item = factory.SubFactory(ServiceItemFactory)
    key = factory.Sequence(lambda n: f"q{n}")
    label = factory.Sequence(lambda n: f"问题{n}")
    answer_type = "bool"


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaterialRequirement

    service_item = factory.SubFactory(ServiceItemFactory)
    license_type = factory.SubFactory(LicenseTypeFactory)
    default_mode = "auto"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    real_name = "测试用户"
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests-1")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        if create and extracted:
            self.groups.set([Group.objects.get(name=role) for role in extracted])
        if create:
            self.save()
