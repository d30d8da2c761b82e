"""A throwaway admin site with the catalog import/export mixin, for the admin tests.

The real catalog admin (catalogs/admin.py) adds the same mixin; this keeps the tests independent of it.
"""

from django.contrib import admin
from django.urls import path

from catalogs.admin_io import CatalogImportExportMixin
from catalogs.resources import RESOURCES

site = admin.AdminSite(name="admin")
for resource in RESOURCES:
    site.register(resource._meta.model, type(f"{resource._meta.model.__name__}IOAdmin", (CatalogImportExportMixin, admin.ModelAdmin), {}))

urlpatterns = [path("admin/", site.urls)]
