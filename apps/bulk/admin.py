from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.bulk import services
from apps.bulk.models import Upload, UploadStatus


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    list_display = ["file_name", "kind", "unit", "uploaded_at", "status", "rows_imported"]
    list_filter = ["kind", "status"]
    readonly_fields = [field.name for field in Upload._meta.fields]
    actions = ["process_again"]

    @admin.action(description=_("Process again (rows imported before are skipped)"))
    def process_again(self, request, queryset):
        uploads = list(queryset.exclude(status=UploadStatus.DONE))
        for upload in uploads:
            services.process_again(upload)
        self.message_user(
            request,
            ngettext(
                "%(count)d upload queued again.", "%(count)d uploads queued again.", len(uploads)
            )
            % {"count": len(uploads)},
        )
