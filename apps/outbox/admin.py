from django.contrib import admin

from apps.outbox.models import OutboxTask


@admin.register(OutboxTask)
class OutboxTaskAdmin(admin.ModelAdmin):
    list_display = ["task", "args", "state", "attempts", "created_at", "next_attempt_at"]
    list_filter = ["state", "task"]
    readonly_fields = [field.name for field in OutboxTask._meta.fields]

    def has_add_permission(self, request):
        return False
