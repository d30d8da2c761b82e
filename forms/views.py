"""Public document verification (QR code target, minimal disclosure) and the form preview of policy staff."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods

from forms.builder import build_form
from forms.models import FormSchema
from forms.selectors import document_for_verification
from licenses.throttling import throttled_page


@require_GET
def verify_document(request, number: str):
    throttled = throttled_page(request)  # one budget with license verification: numbers are sequential
    if throttled is not None:
        return throttled
    document = document_for_verification(number=number, check_code=request.GET.get("h", ""))
    status = 200 if document else 404
    return render(
        request, "forms/verify_document.html", {"document": document, "number": number}, status=status
    )


@require_http_methods(["GET", "POST"])
@permission_required("forms.view_formschema", raise_exception=True)
def preview_schema(request, pk: int):
    """Policy staff try a form as an applicant would see it (validation included); nothing is saved."""
    schema = get_object_or_404(FormSchema.objects.select_related("service_item"), pk=pk)
    form = build_form(schema, data=request.POST if request.method == "POST" else None)
    valid = request.method == "POST" and form.is_valid()
    return render(request, "forms/preview.html", {"schema": schema, "form": form, "valid": valid})
