from django.contrib import admin

from apps.bulk.models import Upload


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    list_display = ["file_name", "kind", "unit", "uploaded_at", "status", "rows_imported"]
    list_filter = ["kind", "status"]
    readonly_fields = [field.name for field in Upload._meta.fields]
