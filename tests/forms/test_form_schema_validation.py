"""Schema-built forms validate type, length, pattern, identifiers, date ranges and cross-field rules."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from catalogs.services import publish_service_item
from forms.builder import build_form
from forms.errors import SchemaFrozen
from forms.models import FormField
from forms.selectors import schema_for
from forms.services.schemas import add_field, copy_schema, define_schema
from tests.factories import MaterialFactory, ServiceItemFactory, valid_citizen_id, valid_uscc


@pytest.fixture
def item(db):
    return ServiceItemFactory()


def _form(item, fields, rules=(), **data):
    schema = define_schema(service_item=item, fields=fields, rules=list(rules))
    return build_form(schema, data=data)


def test_a_wrong_citizen_id_check_character_is_refused(item):
    good = valid_citizen_id()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    form = _form(item, [{"key": "id", "label": "身份证号", "kind": "citizen_id"}], id=bad)
    assert not form.is_valid() and form.errors["id"] == ["居民身份证号码校验码错误"]


def test_a_valid_uscc_is_accepted(item):
    assert _form(item, [{"key": "code", "label": "信用代码", "kind": "uscc"}], code=valid_uscc()).is_valid()


def test_a_pattern_mismatch_shows_the_configured_message(item):
    form = _form(
        item,
        [
            {
                "key": "plate",
                "label": "号牌",
                "pattern": r"^青[A-H][0-9A-Z]{5}$",
                "pattern_message": "请填写青海号牌",
            }
        ],
        plate="京A12345",
    )
    assert form.errors["plate"] == ["请填写青海号牌"]


def test_a_date_in_the_future_is_refused_when_the_range_ends_today(item):
    tomorrow = timezone.localdate() + timedelta(days=1)
    form = _form(
        item,
        [{"key": "born", "label": "出生日期", "kind": "date", "max_days_from_today": 0}],
        born=tomorrow.isoformat(),
    )
    assert form.errors["born"] == [f"出生日期不能晚于 {timezone.localdate():%Y-%m-%d}"]


def test_a_before_rule_refuses_an_end_date_before_the_start(item):
    fields = [
        {"key": "start", "label": "开始", "kind": "date"},
        {"key": "end", "label": "结束", "kind": "date"},
    ]
    rules = [{"kind": "before", "field_a": "start", "field_b": "end", "message": "结束日期须晚于开始日期"}]
    form = _form(item, fields, rules, start="2026-03-02", end="2026-03-01")
    assert form.errors["end"] == ["结束日期须晚于开始日期"]


def test_a_required_if_rule_demands_the_dependent_field(item):
    fields = [
        {"key": "divorced", "label": "是否离婚", "kind": "bool"},
        {"key": "divorce_no", "label": "离婚证号", "required": False},
    ]
    rules = [
        {
            "kind": "required_if",
            "field_a": "divorced",
            "field_b": "divorce_no",
            "message": "曾经离婚的须填写离婚证号",
        }
    ]
    assert _form(item, fields, rules, divorced="true").errors["divorce_no"] == ["曾经离婚的须填写离婚证号"]
    assert _form(item, fields, rules, divorced="false").is_valid()


def test_a_not_equal_rule_refuses_the_same_person_twice(item):
    fields = [{"key": "me", "label": "本人身份证号"}, {"key": "partner", "label": "对方身份证号"}]
    rules = [{"kind": "not_equal", "field_a": "me", "field_b": "partner", "message": "对方不能是本人"}]
    assert _form(item, fields, rules, me="A", partner="A").errors["partner"] == ["对方不能是本人"]


def test_a_prefill_source_naming_an_unknown_face_field_is_refused(item, id_type):
    field = FormField(key="x", label="X", prefill_source=f"license:{id_type.code}.shoe_size")
    with pytest.raises(ValidationError) as error:
        field.clean()
    assert error.value.message_dict["prefill_source"] == ["证照“居民身份证”没有照面字段“shoe_size”"]


def test_a_prefill_source_naming_an_unknown_applicant_attribute_is_refused(item):
    with pytest.raises(ValidationError) as error:
        FormField(key="x", label="X", prefill_source="applicant.password").clean()
    assert "申请人没有属性“password”" in error.value.message_dict["prefill_source"][0]


def test_the_schema_of_a_published_version_cannot_be_edited(item):
    schema = define_schema(service_item=item, fields=[{"key": "a", "label": "甲"}])
    MaterialFactory(service_item=item)
    publish_service_item(item=item, effective_from=timezone.localdate())
    with pytest.raises(SchemaFrozen):
        add_field(schema=schema, key="b", label="乙")


def test_a_new_draft_version_gets_a_copy_of_the_schema_and_is_editable(item):
    from catalogs.services import create_draft_version

    define_schema(service_item=item, fields=[{"key": "a", "label": "甲"}], rules=[])
    MaterialFactory(service_item=item)
    publish_service_item(item=item, effective_from=timezone.localdate())
    draft = create_draft_version(item=item)
    assert schema_for(draft).service_item == item  # falls back to the published version's schema
    copy = copy_schema(source=schema_for(draft), to_item=draft)
    add_field(schema=copy, key="b", label="乙")
    assert list(copy.fields.values_list("key", flat=True)) == ["a", "b"]
    assert list(item.form_schema.fields.values_list("key", flat=True)) == ["a"]
