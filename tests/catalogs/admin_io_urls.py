"""A throwaway admin site with the catalog import/export mixin, for the admin tests.

The real catalog admin (catalogs/admin.py) adds the same mixin; this keeps the tests independent of it.
"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from catalogs.admin_io import CatalogImportExportMixin
from catalogs.resources import RESOURCES

site = admin.AdminSite(name="admin")
for resource in RESOURCES:
    site.register(
        resource._meta.model,
        type(f"{resource._meta.model.__name__}IOAdmin", (CatalogImportExportMixin, admin.ModelAdmin), {}),
    )

urlpatterns = [
    path("admin/", site.urls),
    # what the site's layout links to (the 403 page is rendered in it)
    path("catalog/", include("catalogs.urls")),
    path("portal/", include("portal.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
