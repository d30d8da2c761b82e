"""The archive in the admin: read-only (packages are immutable; check runs are an append-only record)."""

from django.contrib import admin

from archives.models import ArchivePackage, CheckRun
from catalogs.admin_base import ReadOnlyModelAdmin


@admin.register(ArchivePackage)
class ArchivePackageAdmin(ReadOnlyModelAdmin):
    list_display = [
        "package_id",
        "service_item_name",
        "department",
        "decision",
        "archived_at",
        "retention_until",
        "file_count",
    ]
    list_filter = ["department", "decision"]
    search_fields = ["package_id", "case_number", "service_item_code"]
    date_hierarchy = "archived_at"


@admin.register(CheckRun)
class CheckRunAdmin(ReadOnlyModelAdmin):
    list_display = ["source", "package", "ok", "failure_count", "ran_at"]
    list_filter = ["ok"]
