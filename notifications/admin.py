from django.contrib import admin

from notifications.models import Contact, Delivery, Message


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    fields = ("channel", "shown_address", "state", "attempts", "last_error", "next_attempt_at", "sent_at")
    readonly_fields = fields

    @admin.display(description="地址")
    def shown_address(self, obj):
        return obj.masked_address

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "recipient", "case", "created_at", "read_at")
    list_filter = ("kind", "created_at")
    search_fields = ("title", "case__number", "recipient__username")
    readonly_fields = ("recipient", "kind", "case", "title", "body", "link", "key", "created_at", "read_at")
    inlines = [DeliveryInline]

    def has_add_permission(self, request):
        return False


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("user", "by_email", "by_sms")
    search_fields = ("user__username", "user__real_name")
    raw_id_fields = ("user",)
