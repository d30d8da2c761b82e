from forms import demo
from forms.models import FormSchema


def test_the_demo_schemas_load_once_and_prefill_from_demo_license_types(demo_catalog):
    assert demo.load() == {"schemas": 3}
    assert demo.load() == {"schemas": 0}
    schema = FormSchema.objects.get(service_item__code="630000-MZ-0001")
    assert schema.fields.exclude(prefill_source="").count() == 6
