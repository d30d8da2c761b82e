from catalogs.models import ServiceItem
from forms import demo
from forms.models import FormSchema


def test_the_demo_schemas_load_once_and_prefill_from_demo_license_types(demo_catalog):
    published = ServiceItem.objects.current().count()
    assert demo.load() == {"schemas": published}
    assert demo.load() == {"schemas": 0}
    schema = FormSchema.objects.get(service_item__code="630000-MZ-0001")
    assert schema.fields.exclude(prefill_source="").count() == 6


def test_an_item_without_a_written_schema_asks_for_the_face_fields_of_the_license_it_issues(demo_catalog):
    demo.load()
    schema = FormSchema.objects.get(service_item__code="630000-MZ-0002")  # 老年人证申领 issues 老年人证
    fields = {f.key: f for f in schema.fields.all()}
    assert fields["applicant_id"].prefill_source == "applicant.holder_code"
    # 老年人证 carries 住址, which the 居民身份证 the item fetches also carries: pre-filled from it, editable
    assert fields["address"].prefill_source.endswith(".address") and fields["address"].editable_when_prefilled
    assert "birth_date" in fields and "phone" in fields
