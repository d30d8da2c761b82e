"""Public document verification (QR code target): minimal disclosure, only with the check code."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from forms.selectors import document_for_verification


@require_GET
def verify_document(request, number: str):
    document = document_for_verification(number=number, check_code=request.GET.get("h", ""))
    status = 200 if document else 404
    return render(request, "forms/verify_document.html", {"document": document, "number": number}, status=status)
