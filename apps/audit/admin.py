from django.contrib import admin

from apps.audit.models import AccessLog
from apps.core.admin import ReadOnlyAdmin


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "username", "action", "record_label", "owner_unit", "ip_address"]
    list_filter = ["action"]
    search_fields = ["username", "record_label"]
    date_hierarchy = "at"
    # The log is evidence: nobody edits or deletes it, not even through admin (ReadOnlyAdmin).
