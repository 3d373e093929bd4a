from django.contrib import admin

from apps.grievances.models import Grievance


@admin.register(Grievance)
class GrievanceAdmin(admin.ModelAdmin):
    """Read only: grievances are lodged on Khoya-Paya or the portal and answered there."""

    list_display = ("reference", "subject", "unit", "level", "answering_unit", "lodged_at")
    list_filter = ("subject", "level")
    search_fields = ("reference",)
    exclude = ("code_hash",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
