"""The common behaviour of every catalog resource (django-import-export ``ModelResource``).

* Rows are matched to existing records by a natural key (事项编码+版本, 统一社会信用代码 …), read
  once per import (:class:`NaturalKeyLoader`) instead of one query per row.
* Every problem of a row becomes a Chinese reason attached to its column; nothing is written by
  a row with a problem (the import service rolls the whole import back).
* Codes must be unique within the file as well as against the database.
* An unchanged row is skipped; a row that would change a frozen (published) version is an error.
"""

from collections import defaultdict
from typing import ClassVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone
from import_export import fields, resources
from import_export.instance_loaders import BaseInstanceLoader

from catalogs.models import ServiceItem
from catalogs.resources.widgets import LookupWidget, ManyLookupWidget, ServiceItemRefWidget

FROZEN = "已发布的版本不可修改，请新建版本"


class Column(fields.Field):
    """An importable column."""


class ExportOnlyColumn(fields.Field):
    """A column that is exported and checked for format on import, but never written (状态、生效日期…)."""

    def __init__(self, *args, **kwargs):
        kwargs["readonly"] = True
        super().__init__(*args, **kwargs)


class NaturalKeyLoader(BaseInstanceLoader):
    """Reads every existing record of the resource once and finds rows by their natural key."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.instances = {
            resource.instance_key(obj, resource.natural_key): obj for obj in resource.existing_queryset()
        }

    def get_instance(self, row):
        key = self.resource.row_key(row)
        return None if key is None else self.instances.get(key)


def same_text(a: str, b: str) -> bool:
    """Equal but for what spreadsheets do to text: line endings (XLSX stores \\r\\n as \\n) and outer blanks."""

    def norm(text: str) -> str:
        return text.replace("\r\n", "\n").replace("\r", "\n").strip()

    return norm(a) == norm(b)


def add_error(errors: dict, attribute: str, message: str) -> None:
    errors.setdefault(attribute, []).append(ValidationError(message))


class CatalogResource(resources.ModelResource):
    #: machine name used by ``--entity`` (regions, departments …)
    entity: ClassVar[str]
    #: the sheet's title in a workbook; also recognised as the entity's name
    sheet_name: ClassVar[str]
    #: model attributes (field names, FKs by name) that identify a row
    natural_key: ClassVar[tuple[str, ...]]
    #: further unique attribute sets, checked within the file and against the database
    unique_sets: ClassVar[tuple[tuple[str, ...], ...]] = ()
    #: columns a sheet must have (besides the natural key's columns)
    extra_required_columns: ClassVar[tuple[str, ...]] = ()
    select_related: ClassVar[tuple[str, ...]] = ()
    prefetch_related: ClassVar[tuple[str, ...]] = ()
    export_ordering: ClassVar[tuple[str, ...]] = ()

    class Meta:
        skip_unchanged = True
        report_skipped = True
        skip_diff = True
        skip_html_diff = True
        clean_model_instances = True
        use_transactions = True
        instance_loader_class = NaturalKeyLoader

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        #: spreadsheet row number of each dataset row (header = row 1), set by the import service
        self.sheet_rows: list[int] | None = None
        #: called once per processed row (progress bars)
        self.on_row = None
        model = self._meta.model
        self._attnames = {name: model._meta.get_field(name).attname for name in self._all_key_attributes()}

    # ----- columns -------------------------------------------------------------------------
    @classmethod
    def columns(cls) -> list[str]:
        return [field.column_name for field in cls().get_export_fields()]

    def get_import_fields(self):
        # import-export recomputes this three times per row; the fields never change during an import
        if getattr(self, "_import_fields", None) is None:
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def import_columns(self) -> list[Column]:
        if getattr(self, "_import_columns", None) is None:
            self._import_columns = [f for f in self.get_import_fields() if isinstance(f, Column)]
        return self._import_columns

    def column_for(self, attribute: str) -> str:
        for field in self.fields.values():
            if field.attribute == attribute:
                return field.column_name
        return ""

    def required_columns(self) -> list[str]:
        return [self.fields[name].column_name for name in self.get_import_id_fields()] + list(
            self.extra_required_columns
        )

    def lookup_widgets(self) -> list[LookupWidget]:
        return [f.widget for f in self.fields.values() if isinstance(f.widget, LookupWidget)]

    # ----- keys ----------------------------------------------------------------------------
    def _all_key_attributes(self) -> set[str]:
        return {attribute for key in (self.natural_key, *self.unique_sets) for attribute in key}

    def instance_key(self, instance, attributes: tuple[str, ...]) -> tuple:
        return tuple(getattr(instance, self._attnames[a]) for a in attributes)

    def row_key(self, row) -> tuple | None:
        """The natural key of a spreadsheet row, or None when a key cell cannot be read."""
        values = []
        for name in self.get_import_id_fields():
            try:
                value = self.fields[name].clean(row)
            except (ValueError, KeyError):
                return None
            values.append(value.pk if isinstance(value, models.Model) else value)
        return tuple(values)

    def existing_queryset(self):
        return self._meta.model._default_manager.select_related(*self.select_related).prefetch_related(
            *self.prefetch_related
        )

    def get_export_queryset(self):
        return self.existing_queryset().order_by(*self.export_ordering)

    # ----- import hooks --------------------------------------------------------------------
    def before_import(self, dataset, **kwargs):
        for widget in self.lookup_widgets():
            widget.reset()
        self._seen: dict[tuple[str, ...], dict[tuple, int]] = defaultdict(dict)
        self.changes: list[tuple[int, str, str, str, str]] = []  # (sheet row, record, column, old, new)
        self._taken: dict[tuple[str, ...], dict[tuple, int]] = {}
        model = self._meta.model
        for attributes in self.unique_sets:
            attnames = [self._attnames[a] for a in attributes]
            self._taken[attributes] = {
                tuple(values[:-1]): values[-1]
                for values in model._default_manager.values_list(*attnames, "pk")
            }

    def sheet_row(self, kwargs) -> int:
        number = kwargs.get("row_number") or 0
        if self.sheet_rows and 0 < number <= len(self.sheet_rows):
            return self.sheet_rows[number - 1]
        return number + 1

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._catalog_original = None if new else self.snapshot(instance)
        instance._catalog_row = self.sheet_row(kwargs)
        instance._catalog_m2m = {}

    def snapshot(self, instance) -> dict:
        values = {}
        for field in self.import_columns():
            if isinstance(field.widget, ManyLookupWidget):
                values[field.attribute] = {obj.pk for obj in getattr(instance, field.attribute).all()}
            else:
                values[field.attribute] = getattr(instance, self._attname(field.attribute))
        return values

    def _attname(self, attribute: str) -> str:
        attname = self._attnames.get(attribute)
        if attname is None:
            attname = self._attnames[attribute] = self._meta.model._meta.get_field(attribute).attname
        return attname

    def changed_fields(self, instance) -> list[Column]:
        original = getattr(instance, "_catalog_original", None)
        if original is None:
            return []
        changed = []
        for field in self.import_columns():
            if isinstance(field.widget, ManyLookupWidget):
                if (
                    field.attribute in instance._catalog_m2m
                    and instance._catalog_m2m[field.attribute] != original[field.attribute]
                ):
                    changed.append(field)
            else:
                attname = self._attname(field.attribute)
                value, before = getattr(instance, attname), original[field.attribute]
                if value == before:
                    continue
                if isinstance(value, str) and isinstance(before, str) and same_text(value, before):
                    setattr(
                        instance, attname, before
                    )  # a spreadsheet's rendering of the same text: keep it as stored
                    continue
                changed.append(field)
        return changed

    def import_instance(self, instance, row, **kwargs):
        errors: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if field.column_name not in row:
                continue
            if isinstance(field.widget, ManyLookupWidget):
                try:
                    instance._catalog_m2m[field.attribute] = {obj.pk for obj in field.clean(row)}
                except ValueError as error:
                    add_error(errors, field.attribute, str(error))
            elif isinstance(field, ExportOnlyColumn) and "__" not in field.attribute:
                try:
                    field.clean(row)
                except ValueError as error:
                    add_error(errors, field.attribute, str(error))
        self.check_unique(instance, errors, self.sheet_row(kwargs))
        if not errors:
            self.check_row(instance, errors, self.sheet_row(kwargs))
        if errors:
            raise ValidationError(errors)

    def check_unique(self, instance, errors: dict, sheet_row: int) -> None:
        for attributes in (self.natural_key, *self.unique_sets):
            if any(a in errors for a in attributes):
                continue
            key = self.instance_key(instance, attributes)
            if attributes is not self.natural_key and any(value is None or value == "" for value in key):
                continue
            columns = "、".join(self.column_for(a) for a in attributes)
            first = self.duplicate_attribute(attributes, instance)
            earlier = self._seen[attributes].get(key)
            if earlier is not None:
                add_error(errors, first, f"与第 {earlier} 行重复：{columns}相同")
                continue
            self._seen[attributes][key] = sheet_row
            owner = self._taken.get(attributes, {}).get(key)
            if owner is not None and owner != instance.pk:
                add_error(errors, first, f"已存在{columns}相同的{self._meta.model._meta.verbose_name}")

    def duplicate_attribute(self, attributes: tuple[str, ...], instance=None) -> str:
        """The attribute whose column shows a duplicate key: its most specific part (事项编码, 标识 …)."""
        return attributes[0] if attributes[-1] == "version" else attributes[-1]

    def check_row(self, instance, errors: dict, sheet_row: int) -> None:
        """Entity rules that need the whole row (versions, drafts); add errors to ``errors``."""

    def frozen_reason(self, instance) -> tuple[str, str] | None:
        """(attribute, reason) when the row may not be written because its version is published."""
        return None

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or instance.pk is None:
            return False
        changed = self.changed_fields(instance)
        for field in changed:  # what the import changes, shown to the officer (old → new) before they commit
            self.changes.append(
                (
                    getattr(instance, "_catalog_row", 0),
                    str(instance),
                    field.column_name,
                    self._shown(field, instance._catalog_original[field.attribute], original=True),
                    self._shown(field, self._new_value(instance, field)),
                )
            )
        return not changed

    def _new_value(self, instance, field):
        if isinstance(field.widget, ManyLookupWidget):
            return instance._catalog_m2m.get(field.attribute)
        return getattr(instance, self._attname(field.attribute))

    def _shown(self, field, value, *, original: bool = False) -> str:
        model_field = self._meta.model._meta.get_field(field.attribute)
        if isinstance(field.widget, ManyLookupWidget):
            if not value:
                return ""
            return "、".join(
                sorted(str(obj) for obj in model_field.related_model.objects.filter(pk__in=list(value)))
            )
        if model_field.is_relation and value is not None:
            related = model_field.related_model.objects.filter(pk=value).first()
            return str(related) if related is not None else str(value)
        if isinstance(value, list):
            return "、".join(str(v) for v in value)
        return "" if value is None else str(value)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        frozen = self.frozen_reason(instance)
        if frozen:
            add_error(errors, *frozen)
        model_fields = self._meta.model._meta
        lookups = set()
        for field in self.import_columns():
            if isinstance(field.widget, LookupWidget):
                lookups.add(field.attribute)
                django_field = model_fields.get_field(field.attribute)
                if (
                    not django_field.many_to_many
                    and not django_field.blank
                    and field.attribute not in errors
                    and getattr(instance, django_field.attname) is None
                ):
                    add_error(errors, field.attribute, f"请填写{field.column_name}")
        try:
            # related rows were already found by the lookup widgets: no query per row and foreign key
            instance.full_clean(
                exclude=set(errors) | lookups, validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def after_save_instance(self, instance, row, **kwargs):
        for widget in self.lookup_widgets():
            if widget.model is self._meta.model:
                widget.remember(instance)

    def after_import(self, dataset, result, **kwargs):
        """No sequence reset (ModelResource's default): rows never bring their own ids here.

        PostgreSQL's ``setval`` is not transactional; resetting the sequence to the max id this
        transaction sees could hand out ids that a concurrent transaction has already taken.
        """

    def after_import_row(self, row, row_result, **kwargs):
        if self.on_row is not None:
            self.on_row()

    def get_bulk_update_fields(self):
        names = [f.attribute for f in self.import_columns() if not isinstance(f.widget, ManyLookupWidget)]
        if any(f.name == "updated_at" for f in self._meta.model._meta.fields):
            names.append("updated_at")
        return [n for n in names if n not in self.natural_key]

    def before_save_instance(self, instance, row, **kwargs):
        if hasattr(instance, "updated_at") and instance.pk is not None:
            instance.updated_at = timezone.now()

    # ----- errors --------------------------------------------------------------------------
    def explain(self, error: ValidationError) -> list[tuple[str, str]]:
        """(column, reason) pairs of a row's validation error."""
        pairs = []
        if hasattr(error, "error_dict"):
            for attribute, problems in error.error_dict.items():
                column = "" if attribute == NON_FIELD_ERRORS else self.column_for(attribute)
                for problem in problems:
                    for message in problem.messages:
                        pairs.append((column, message))
        else:
            pairs.extend(("", message) for message in error.messages)
        return pairs


def service_item_ref(column: str = "事项编码", version_column: str = "事项版本") -> Column:
    return Column(
        attribute="service_item",
        column_name=column,
        widget=ServiceItemRefWidget(ServiceItem, version_column=version_column),
    )
