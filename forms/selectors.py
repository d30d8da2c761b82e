"""Reads of the forms app."""

from django.db.models import Avg, Count, Sum

from catalogs.identifiers import codes_match
from catalogs.models import ServiceItem
from forms.models import FilledForm, FormSchema, IssuedDocument


def schema_for(service_item: ServiceItem) -> FormSchema | None:
    """The schema of this exact version, else of the newest earlier version of the same item."""
    schema = FormSchema.objects.filter(service_item=service_item).prefetch_related("fields", "rules").first()
    if schema is not None:
        return schema
    return (
        FormSchema.objects.filter(
            service_item__code=service_item.code, service_item__version__lt=service_item.version
        )
        .select_related("service_item")
        .prefetch_related("fields", "rules")
        .order_by("-service_item__version")
        .first()
    )


def prefill_statistics(*, service_item_code: str | None = None) -> dict:
    """How many fields applicants did not have to type (免填写率), over submitted forms."""
    forms = FilledForm.objects.all()
    if service_item_code:
        forms = forms.filter(schema__service_item__code=service_item_code)
    totals = forms.aggregate(
        count=Count("id"),
        prefilled=Sum("prefilled_count"),
        fields=Sum("field_count"),
        mean=Avg("prefilled_count"),
    )
    fields = totals["fields"] or 0
    return {
        "forms": totals["count"],
        "prefilled_fields": totals["prefilled"] or 0,
        "fields": fields,
        "rate": (totals["prefilled"] or 0) / fields if fields else 0.0,
    }


def document_for_verification(*, number: str, check_code: str) -> IssuedDocument | None:
    """The issued document with this number, only if the check code matches (no enumeration by number)."""

    document = IssuedDocument.objects.select_related("department").filter(number=number).first()
    if document is None or not codes_match(document.check_code, check_code):
        return None
    return document
