from django.urls import path

from licenses import api

app_name = "licenses-api"
urlpatterns = [
    path("verify/<str:identifier>", api.PublicVerifyView.as_view(), name="verify"),
    path("trust-list.json", api.TrustListView.as_view(), name="trust-list"),
    path("me/licenses/", api.MyLicensesView.as_view(), name="my-licenses"),
    path("licenses/", api.IssuerLicensesView.as_view(), name="licenses"),
    path("licenses/<int:pk>/versions/", api.LicenseVersionsView.as_view(), name="license-versions"),
    path("licenses/<int:pk>/status/", api.LicenseStatusView.as_view(), name="license-status"),
]
