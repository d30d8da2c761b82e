"""信息免填写: fields are filled from licenses that passed verification, never from one that failed."""

from forms.models import FilledForm
from forms.selectors import prefill_statistics
from forms.services.filling import start_form


def test_every_field_whose_license_is_present_and_verified_is_prefilled(
    schema, applicant, verified_id, verified_hukou
):
    filled = start_form(
        schema=schema, reference="C-1", applicant=applicant, evidence=[verified_id, verified_hukou]
    )
    assert filled.values == {
        "applicant_name": "张三",
        "sex": "男",
        "birth_date": "1985-01-01",
        "address": "西宁市城西区五四大街9号",
        "id_number": applicant.holder_code,
    }
    assert filled.prefilled["address"] == {
        "source": schema.fields.get(key="address").prefill_source,
        "origin": verified_hukou.identifier,
    }


def test_no_field_is_prefilled_from_a_license_that_failed_verification(
    schema, applicant, verified_id, revoked_hukou
):
    filled = start_form(
        schema=schema, reference="C-2", applicant=applicant, evidence=[verified_id, revoked_hukou]
    )
    assert "address" not in filled.values
    assert filled.skipped["address"] == "证照核验未通过：证照已吊销"


def test_a_field_whose_license_was_not_obtained_stays_empty_with_the_reason(schema, applicant, verified_id):
    filled = start_form(schema=schema, reference="C-3", applicant=applicant, evidence=[verified_id])
    assert "address" not in filled.values
    assert filled.skipped["address"] == "未取得该电子证照"


def test_the_prefill_rate_is_recorded_with_the_form(schema, applicant, verified_id, revoked_hukou):
    start_form(schema=schema, reference="C-4", applicant=applicant, evidence=[verified_id, revoked_hukou])
    stored = FilledForm.objects.get(reference="C-4")
    assert (stored.prefilled_count, stored.field_count) == (4, 7)
    assert round(stored.prefill_rate, 3) == round(4 / 7, 3)


def test_prefill_statistics_add_up_over_forms(schema, applicant, verified_id, verified_hukou, revoked_hukou):
    start_form(schema=schema, reference="C-5", applicant=applicant, evidence=[verified_id, verified_hukou])
    start_form(schema=schema, reference="C-6", applicant=applicant, evidence=[verified_id, revoked_hukou])
    stats = prefill_statistics(service_item_code=schema.service_item.code)
    assert stats == {"forms": 2, "prefilled_fields": 9, "fields": 14, "rate": 9 / 14}


def test_prefilled_fields_are_locked_unless_the_schema_allows_editing(
    schema, applicant, verified_id, verified_hukou
):
    filled = start_form(
        schema=schema, reference="C-7", applicant=applicant, evidence=[verified_id, verified_hukou]
    )
    assert filled.locked == ["applicant_name", "birth_date", "id_number", "sex"]
