from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from apps.matching.models import FaceEncoding, MatchCandidate


@admin.register(MatchCandidate)
class MatchCandidateAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "status", "score", "proposed_at", "decided_by"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["missing", "other", "decided_by"]
    readonly_fields = ["evidence", "fingerprint"]


@admin.register(FaceEncoding)
class FaceEncodingAdmin(admin.ModelAdmin):
    list_display = ["photo", "report", "status", "face_count", "computed_at"]
    list_filter = ["status"]
    raw_id_fields = ["photo", "report"]
    exclude = ["encoding"]
