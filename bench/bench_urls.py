"""The project's URLs plus the floor of bench/verify_api.py: a trivial Django view behind the same middleware."""

from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    return HttpResponse(b'{"ok":true}', content_type="application/json")


urlpatterns = [path("bench/trivial", trivial), path("", include("project.urls"))]
