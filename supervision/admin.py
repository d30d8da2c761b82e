from django.contrib import admin

from supervision.models import DepartmentHead


@admin.register(DepartmentHead)
class DepartmentHeadAdmin(admin.ModelAdmin):
    list_display = ["user", "department", "since"]
    list_filter = ["department"]
    raw_id_fields = ["user"]
    search_fields = ["user__username", "user__real_name", "department__name"]
