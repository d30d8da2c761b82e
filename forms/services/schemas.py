"""Editing form schemas; a schema is frozen once its service item version is published."""

from django.db import transaction

from catalogs.models import ServiceItem, ServiceItemStatus
from forms.errors import SchemaFrozen
from forms.models import FormField, FormRule, FormSchema
from forms.models.schemas import FIELD_DEFINITION


def _ensure_editable(schema: FormSchema) -> None:
    if schema.is_frozen:
        raise SchemaFrozen(
            f"“{schema.service_item}”已发布，其申请表单不可修改：请先为该事项创建新版本，再修改新版本的表单。"
        )


@transaction.atomic
def define_schema(
    *,
    service_item: ServiceItem,
    title: str = "",
    instructions: str = "",
    fields: list[dict],
    rules: list[dict] = (),
) -> FormSchema:
    """Create the schema of one service item version from plain field definitions.

    A draft version's schema is replaced; a published version may only receive its first schema
    (versions published before forms existed), never have an existing one changed.
    """
    existing = FormSchema.objects.select_for_update().filter(service_item=service_item).first()
    if existing is not None:
        _ensure_editable(existing)
        existing.fields.all().delete()
        existing.rules.all().delete()
        schema = existing
        schema.title, schema.instructions = title, instructions
    else:
        schema = FormSchema(service_item=service_item, title=title, instructions=instructions)
    schema.full_clean()
    schema.save()
    for position, definition in enumerate(fields):
        definition = dict(definition)
        form_field = FormField(schema=schema, position=definition.pop("position", position), **definition)
        form_field.full_clean()
        form_field.save()
    for definition in rules:
        rule = FormRule(schema=schema, **definition)
        rule.full_clean()
        rule.save()
    return schema


@transaction.atomic
def add_field(*, schema: FormSchema, **definition) -> FormField:
    schema = FormSchema.objects.select_for_update().select_related("service_item").get(pk=schema.pk)
    _ensure_editable(schema)
    definition.setdefault("position", schema.fields.count())
    form_field = FormField(schema=schema, **definition)
    form_field.full_clean()
    form_field.save()
    return form_field


@transaction.atomic
def copy_schema(*, source: FormSchema, to_item: ServiceItem) -> FormSchema:
    """Give a new draft version of a service item a copy of an earlier version's schema."""
    if to_item.status != ServiceItemStatus.DRAFT:
        raise SchemaFrozen("只能把表单复制到草稿版本")
    if FormSchema.objects.filter(service_item=to_item).exists():
        return to_item.form_schema
    fields = [{k: getattr(f, k) for k in (*FIELD_DEFINITION, "position")} for f in source.fields.all()]
    rules = [
        {k: getattr(r, k) for k in ("kind", "field_a", "field_b", "value", "message")}
        for r in source.rules.all()
    ]
    return define_schema(
        service_item=to_item, title=source.title, instructions=source.instructions, fields=fields, rules=rules
    )
