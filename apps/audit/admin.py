from django.contrib import admin

from apps.audit.models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "action", "record_label", "owner_unit", "ip_address"]
    list_filter = ["action"]
    search_fields = ["username", "record_label"]
    date_hierarchy = "at"

    # The log is evidence: nobody edits or deletes it, not even through admin.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
