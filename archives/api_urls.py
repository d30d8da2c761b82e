from django.urls import path

from archives import api

urlpatterns = [
    path("archives/packages/", api.PackageList.as_view(), name="archives-packages"),
    path("archives/packages/<str:package_id>/", api.PackageDetail.as_view(), name="archives-package"),
    path(
        "archives/packages/<str:package_id>/check/", api.PackageCheck.as_view(), name="archives-package-check"
    ),
]
