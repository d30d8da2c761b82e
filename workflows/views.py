"""HTML entry points of cases. The portal and workbench pages are built on the case API; viewflow's own
task URL for a human task leads to the case's page in the API."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse


@login_required
def task_view(request, process_pk: int, task_pk: int, **kwargs):
    return redirect(reverse("workflows-api:case-detail", args=[process_pk]))
