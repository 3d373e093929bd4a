from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.messaging import services
from apps.messaging.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "direction",
        "channel",
        "recipient",
        "recipient_unit",
        "template",
        "language",
        "status",
        "attempts",
    )
    list_filter = (
        "direction",
        "status",
        "channel",
        "template",
        "language",
        ("recipient_unit__state", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("recipient", "gateway_reference", "dedupe_key", "recipient_unit__name")
    list_select_related = ("recipient_unit",)
    date_hierarchy = "created_at"
    actions = ["resend_failed"]
    readonly_fields = [field.name for field in Message._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Resend the selected failed messages"))
    def resend_failed(self, request, queryset):
        count = sum(services.resend(message) for message in queryset)
        self.message_user(
            request,
            ngettext("%(count)d message queued again.", "%(count)d messages queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )
