from django.contrib import admin

from apps.pfif.models import ImportedPerson, ReceivedFile


@admin.register(ReceivedFile)
class ReceivedFileAdmin(admin.ModelAdmin):
    list_display = ["source_name", "file_name", "received_by", "received_at", "persons_new"]
    readonly_fields = [field.name for field in ReceivedFile._meta.fields]


@admin.register(ImportedPerson)
class ImportedPersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "person_record_id", "kind", "status", "updated_at"]
    list_filter = ["status", "kind"]
    search_fields = ["full_name", "person_record_id"]
    readonly_fields = [field.name for field in ImportedPerson._meta.fields]
