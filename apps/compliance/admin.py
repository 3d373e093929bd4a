from django.contrib import admin

from apps.compliance.models import DeadlineRule, OverdueItem, UnitCompliance
from apps.core.admin import ReadOnlyAdmin


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    """Administrators change how long each event may take, or switch a rule off; the next daily
    computation applies the change. Rules are never added or deleted: one per event."""

    list_display = ("event", "allowed_hours", "is_active", "updated_at")
    list_editable = ("allowed_hours", "is_active")
    readonly_fields = ("event", "updated_at")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ComputedAdmin(ReadOnlyAdmin):
    """Written only by the daily computation: read here, never changed."""


@admin.register(OverdueItem)
class OverdueItemAdmin(ComputedAdmin):
    list_display = ("label", "event", "responsible_unit", "due_at", "detected_at", "resolved_at")
    list_filter = ("event", ("resolved_at", admin.EmptyFieldListFilter))
    search_fields = ("label", "responsible_unit__name")
    raw_id_fields = ("responsible_unit", "child", "report", "citizen_report")
    date_hierarchy = "due_at"


@admin.register(UnitCompliance)
class UnitComplianceAdmin(ComputedAdmin):
    list_display = (
        "unit",
        "unit_type",
        "is_registered",
        "last_upload_at",
        "open_items",
        "records",
        "records_overdue",
        "late_filings",
        "late_missing_reports",
        "computed_at",
    )
    list_filter = ("unit_type", "is_registered")
    search_fields = ("unit__name",)
    raw_id_fields = ("unit",)
