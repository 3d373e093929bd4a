from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from apps.core.admin import VersionedAdmin
from apps.reports.models import (
    CaseNote,
    Consent,
    IdentificationMark,
    OutcomeRequest,
    Report,
    ReportPhoto,
)


class MarkInline(admin.TabularInline):
    model = IdentificationMark
    extra = 0


class PhotoInline(admin.TabularInline):
    model = ReportPhoto
    extra = 0
    fields = ["public_id", "width", "height", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False  # photos are cleaned and stored by the report forms, never raw


class NoteInline(admin.TabularInline):
    model = CaseNote
    extra = 0
    readonly_fields = ["written_by", "written_at"]


class ConsentInline(admin.TabularInline):
    """Read-only: consent is recorded and withdrawn on the portal, by the report's owners
    (reports.services.record_consent, withdraw_consent), never changed behind them."""

    model = Consent
    extra = 0
    fields = [
        "purpose",
        "given_by_kind",
        "given_by_name",
        "method",
        "given_at",
        "recorded_by",
        "withdrawn_at",
        "withdrawn_by",
        "withdrawal_note",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ["case_number", "full_name", "kind", "status", "sex", "event_at", "owning_unit"]
    list_filter = ["kind", "status", "sex"]
    search_fields = ["full_name", "name_local", "fir_number"]
    date_hierarchy = "event_at"
    autocomplete_fields = [
        "owning_unit",
        "placed_at",
        "event_state",
        "event_district",
        "permanent_state",
        "permanent_district",
        "present_state",
        "present_district",
    ]
    raw_id_fields = ["created_by"]
    # A copy of the consent records (ConsentInline), which only the consent services write.
    readonly_fields = ["publication_consent"]
    inlines = [MarkInline, PhotoInline, NoteInline, ConsentInline]


@admin.register(OutcomeRequest)
class OutcomeRequestAdmin(admin.ModelAdmin):
    """Read-only: a request is answered on the portal, by the report's owners."""

    list_display = ["report", "because_of", "status", "requested_at", "done_at"]
    list_filter = ["status"]
    raw_id_fields = ["report", "because_of", "requested_by", "done_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
