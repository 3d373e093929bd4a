from django.contrib import admin

from apps.alerts.models import DistrictDigest


@admin.register(DistrictDigest)
class DistrictDigestAdmin(admin.ModelAdmin):
    list_display = [
        "district",
        "month",
        "missing_reported",
        "found_reported",
        "matched",
        "restored",
        "open_over_30_days",
        "institutions_late",
    ]
    list_filter = ["month", "district__state"]
    search_fields = ["district__name_en"]
    list_select_related = ["district"]
    readonly_fields = [field.name for field in DistrictDigest._meta.fields]

    def has_add_permission(self, request):
        return False
