"""Submitting: locked values cannot be changed, edits of editable pre-filled values are recorded."""

import pytest

from forms.builder import build_form
from forms.errors import FormInvalid, PrefilledFieldLocked
from forms.services.filling import start_form, submit_form


@pytest.fixture
def filled(schema, applicant, verified_id, verified_hukou):
    return start_form(
        schema=schema, reference="S-1", applicant=applicant, evidence=[verified_id, verified_hukou]
    )


def test_changing_a_locked_prefilled_value_is_refused(filled):
    with pytest.raises(PrefilledFieldLocked, match="“姓名”由电子证照或实名信息自动填写，不可修改"):
        submit_form(filled_form=filled, data={"applicant_name": "李四", "partner_name": "王五"})


def test_a_change_to_an_editable_prefilled_value_is_recorded(filled):
    submitted = submit_form(
        filled_form=filled, data={"address": "西宁市城北区柴达木路3号", "partner_name": "王五"}
    )
    assert submitted.values["address"] == "西宁市城北区柴达木路3号"
    assert [(e["field"], e["prefilled"], e["submitted"]) for e in submitted.edits] == [
        ("address", "西宁市城西区五四大街9号", "西宁市城北区柴达木路3号")
    ]


def test_an_unchanged_submission_records_no_edit(filled):
    submitted = submit_form(filled_form=filled, data={"partner_name": "王五"})
    assert submitted.edits == [] and submitted.status == "submitted"


def test_the_portal_form_ignores_a_tampered_locked_value(filled):
    form = build_form(
        filled.schema,
        initial=filled.values,
        locked=set(filled.locked),
        data={**filled.values, "applicant_name": "李四", "partner_name": "王五"},
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["applicant_name"] == "张三"


def test_invalid_input_is_refused_with_chinese_messages_per_field(filled):
    with pytest.raises(FormInvalid) as error:
        submit_form(filled_form=filled, data={"partner_name": "王" * 21, "phone": "12345"})
    names = {p["name"] for p in error.value.params}
    assert names == {"partner_name", "phone"}
    assert "请填写11位手机号码" in error.value.message


def test_a_locked_yes_no_value_from_a_license_survives_submission(db, applicant):
    from forms.prefill.evidence import LicenseEvidence
    from forms.services.schemas import define_schema
    from tests.factories import FaceFieldFactory, LicenseTypeFactory, ServiceItemFactory

    retired = LicenseTypeFactory(name="退休证")
    FaceFieldFactory(license_type=retired, key="retired", label="已退休", field_type="bool")
    schema = define_schema(
        service_item=ServiceItemFactory(),
        fields=[
            {
                "key": "retired",
                "label": "是否已退休",
                "kind": "bool",
                "prefill_source": f"license:{retired.code}.retired",
            }
        ],
    )
    evidence = LicenseEvidence(
        type_code=retired.code, identifier="R-1", face={"retired": True}, verified=True
    )
    filled = start_form(schema=schema, reference="B-1", applicant=applicant, evidence=[evidence])
    assert submit_form(filled_form=filled, data={}).values == {"retired": True}
