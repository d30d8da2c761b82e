from django.urls import path

from licenses import api

app_name = "licenses-api"
urlpatterns = [
    path("verify/<str:identifier>", api.PublicVerifyView.as_view(), name="verify"),
    path("trust-list.json", api.TrustListView.as_view(), name="trust-list"),
]
