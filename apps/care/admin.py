from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from apps.care.models import ChildInCare, Transfer
from apps.core.admin import VersionedAdmin


@admin.register(ChildInCare)
class ChildInCareAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ("case_number", "report", "institution", "category", "status", "arrived_at")
    list_filter = ("status", "category")
    search_fields = ("report__full_name", "institution__name", "order_number")
    raw_id_fields = ("report", "institution", "deciding_body", "missing_report", "admitted_by")
    date_hierarchy = "arrived_at"


@admin.register(Transfer)
class TransferAdmin(admin.ModelAdmin):
    list_display = ("child", "from_institution", "to_institution", "status", "requested_at")
    list_filter = ("status",)
    raw_id_fields = ("child", "from_institution", "to_institution", "requested_by", "decided_by")
