from django.contrib import admin

from apps.core.admin import ReadOnlyAdmin
from apps.retention.models import RetentionRun, RuleOutcome


class RuleOutcomeInline(admin.TabularInline):
    model = RuleOutcome
    fields = ["rule", "cutoff", "removed"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    """Read only: the record of what was removed is evidence, not something to edit."""

    list_display = ["started_at", "finished_at", "started_by"]
    readonly_fields = ["started_at", "finished_at", "started_by"]
    inlines = [RuleOutcomeInline]
