from django.contrib import admin

from apps.drives.models import Drive


@admin.register(Drive)
class DriveAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "starts_on", "ends_on", "all_india"]
    list_filter = ["all_india"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["states"]
    readonly_fields = ["declared_by", "declared_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.declared_by = request.user
        super().save_model(request, obj, form, change)
