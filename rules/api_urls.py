from django.urls import path

from rules import api

urlpatterns = [
    path("services/<str:code>/resolve", api.ResolveView.as_view(), name="rules-resolve"),
]
