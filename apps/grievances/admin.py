from django.contrib import admin

from apps.core.admin import ReadOnlyAdmin
from apps.grievances.models import Grievance


@admin.register(Grievance)
class GrievanceAdmin(ReadOnlyAdmin):
    """Read only: grievances are lodged on Khoya-Paya or the portal and answered there."""

    list_display = ("reference", "subject", "unit", "level", "answering_unit", "lodged_at")
    list_filter = ("subject", "level")
    search_fields = ("reference",)
    exclude = ("code_hash",)
