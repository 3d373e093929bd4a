from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from apps.care.models import ChildInCare, DischargeRequest, Transfer
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


@admin.register(DischargeRequest)
class DischargeRequestAdmin(admin.ModelAdmin):
    """Read-only: a stay is ended on the portal, by the home holding the child or its CWC."""

    list_display = ("child", "because_of", "report_status", "requested_at", "done_at")
    raw_id_fields = ("child", "because_of", "requested_by", "done_by")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
