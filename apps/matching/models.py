"""Face encodings of report photos, and the missing ↔ found pairs proposed for officials' review."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.directory.models import Unit
from apps.reports.models import Report, ReportPhoto


class FaceStatus(models.TextChoices):
    OK = "ok", _("Face found")
    NO_FACE = "no_face", _("No face detected")
    SEVERAL_FACES = "several_faces", _("Several faces; the largest was used")
    UNREADABLE = "unreadable", _("Photo could not be read")


class FaceEncoding(models.Model):
    photo = models.OneToOneField(ReportPhoto, on_delete=models.CASCADE, related_name="face")
    # Kept beside the photo's report so that a whole candidate set loads in one query.
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="faces")
    status = models.CharField(max_length=15, choices=FaceStatus.choices)
    face_count = models.PositiveSmallIntegerField(default=0)
    encoding = ArrayField(models.FloatField(), size=128, null=True, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("face encoding")
        verbose_name_plural = _("face encodings")

    def __str__(self):
        return f"{self.photo}: {self.status}"


class CandidateKind(models.TextChoices):
    MATCH = "match", _("Missing and found child may be the same")
    REPEAT = "repeat", _("May have gone missing before")
    # Two reports of one side: missing at two stations, or found and registered again.
    DUPLICATE = "duplicate", _("May be the same child reported twice")


class CandidateStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting review")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")
    SUPERSEDED = "superseded", _("Closed by another match")
    # Not decided by anyone: a report changed and the pair no longer reaches its threshold.
    WITHDRAWN = "withdrawn", _("Withdrawn: the reports changed")


class EvidenceField(models.JSONField):
    """JSON stored with one parameter per row even in bulk inserts: Django's UNNEST form of a
    bulk insert sends a text array instead, and psycopg escapes every quote of it in Python,
    which cost about 1 ms a pair for the 2 KB of evidence of each."""

    def get_placeholder(self, value, compiler, connection):
        return "%s"


class MatchCandidate(models.Model):
    """A pair the engine proposes; officials confirm or reject it, and nobody decides twice."""

    kind = models.CharField(_("kind"), max_length=10, choices=CandidateKind.choices)
    missing = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="candidates_as_missing"
    )
    # The found report for a match; the earlier restored or closed case for a repeat. For a
    # duplicate, `missing` is the report with the lower id and `other` the higher (both of one
    # side, whichever it is), so each pair is stored once whichever report found it.
    other = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="candidates_as_other")
    # The units owning each report, copied by triggers (migration 0009) whenever a pair is stored
    # or a report changes hands, so a review queue reads its jurisdiction's pairs through these
    # indexes instead of joining every pair in the country to its reports.
    missing_unit = models.ForeignKey(
        Unit,
        on_delete=models.DO_NOTHING,
        null=True,
        editable=False,
        db_index=False,
        related_name="+",
    )
    other_unit = models.ForeignKey(
        Unit,
        on_delete=models.DO_NOTHING,
        null=True,
        editable=False,
        db_index=False,
        related_name="+",
    )
    score = models.FloatField(_("score"))
    evidence = EvidenceField(_("evidence"), default=list)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CandidateStatus.choices,
        default=CandidateStatus.PROPOSED,
        db_index=True,
    )
    # What the two reports said when the pair was last scored: a rejected pair comes back only
    # when this changes, i.e. when one of the reports changed materially.
    fingerprint = models.CharField(max_length=64)
    proposed_at = models.DateTimeField(_("proposed on"), auto_now_add=True)
    rescored_at = models.DateTimeField(auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decision_reason = models.CharField(_("reason"), max_length=300, blank=True)
    # The found side cannot decide for the missing child's family; it records that it agrees,
    # and the pair waits for the missing report's unit.
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("found side agreed"),
    )
    agreed_at = models.DateTimeField(_("found side agreed on"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["rescored_at", "missing_unit", "other_unit"])

    class Meta:
        ordering = ["-proposed_at", "-score"]
        verbose_name = _("match candidate")
        verbose_name_plural = _("match candidates")
        constraints = [
            models.UniqueConstraint(fields=["missing", "other"], name="one_candidate_per_pair")
        ]
        indexes = [
            models.Index(fields=["status", "-proposed_at"], name="candidate_queue"),
            models.Index(fields=["missing_unit", "status"], name="candidate_missing_unit"),
            models.Index(fields=["other_unit", "status"], name="candidate_other_unit"),
        ]

    def __str__(self):
        return f"{self.missing.case_number} ~ {self.other.case_number} ({self.score:.0f})"


# The key of a report's district among its candidate keys (name keys are letters only), and
# of each district its child is from (Report.home_district_ids, migration 0010).
DISTRICT_KEY_PREFIX = "d:"
HOME_KEY_PREFIX = "h:"


class CandidateKey(models.Model):
    """The database's posting lists for finding candidates: one row per report and name key
    (Report.name_keys), and one per open report for its district ("d:<district id>") and for
    each district its child is from ("h:<district id>"), with the few fields the hard filters
    and the ranking read.

    Kept by triggers on reports_report (migration 0002), in the same transaction as every
    insert, update or delete of a report, so it never disagrees with the reports; Django
    never writes it. Its index lists each key's reports by status, side and date, so the
    newest compatible reports of a very common name are read from the index alone without
    visiting the reports table (apps/matching/selectors.py).
    """

    pk = models.CompositePrimaryKey("report_id", "key")
    report_id = models.BigIntegerField()
    key = models.CharField(max_length=48)
    status = models.CharField(max_length=12)
    kind = models.CharField(max_length=10)
    event_at = models.DateTimeField()
    sex = models.CharField(max_length=1)
    age_min = models.SmallIntegerField()
    age_max = models.SmallIntegerField()
    district_id = models.BigIntegerField(null=True)
    state_id = models.BigIntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["key", "status", "kind", "event_at"],
                include=["sex", "age_min", "age_max", "district_id", "state_id", "report_id"],
                name="candidate_key_lookup",
            )
        ]

    def __str__(self):
        return f"{self.key}: report {self.report_id}"


class OpenFace(models.Model):
    """The faces a new photo is searched against: one row per photo with an encoding, `open`
    while its report is open and the face usable, on the report's side ("missing", or "found"
    for found children and citizens' sightings).

    Kept by triggers on matching_faceencoding and reports_report (migration 0005), in the same
    transaction as every change of a face or of a report's status or kind; Django never writes
    it. A row is never deleted, only closed, so a worker that keeps the open faces in memory
    reads what changed since it last looked (`changed_xid`) and learns of closed ones too.

    Where PostgreSQL has pgvector, the migration also gives the table an `embedding vector(128)`
    column (the encoding of an open face, NULL otherwise) and an HNSW index per side, which the
    search uses; Django does not know that column (apps/matching/face_index.py).
    """

    photo_id = models.BigIntegerField(primary_key=True)
    report_id = models.BigIntegerField(db_index=True)
    side = models.CharField(max_length=7)
    open = models.BooleanField()
    # pg_current_xact_id() of the transaction that last changed the row (as a number).
    changed_xid = models.BigIntegerField(db_index=True)

    def __str__(self):
        return f"{self.side} face of report {self.report_id}, photo {self.photo_id}"


# What the ranking of description candidates reads beside the indexed columns.
_UNNAMED_COLUMNS = [
    "age_min",
    "age_max",
    "district_id",
    "state_id",
    "height_cm",
    "languages",
    "marks",
    "report_id",
]


class DescriptionPosting(models.Model):
    """One row per open report with what describes the child besides the name, for finding
    children who give no usable name across India (selectors.description_candidate_ids).

    Kept by triggers on reports_report (migration 0006), like CandidateKey: the row is
    rewritten whenever the report's status, kind, sex, date, ages, place, height, languages,
    identification-mark words or name keys change, and removed when it is no longer open. Its
    indexes list each side's reports by sex and date, across India and within a State/UT, with
    every column the ranking reads, so the reports closest in time are ranked from an index
    alone.
    """

    report_id = models.BigIntegerField(primary_key=True)
    kind = models.CharField(max_length=10)
    sex = models.CharField(max_length=1)
    event_at = models.DateTimeField()
    age_min = models.SmallIntegerField()
    age_max = models.SmallIntegerField()
    district_id = models.BigIntegerField(null=True)
    state_id = models.BigIntegerField(null=True)
    height_cm = models.SmallIntegerField(null=True)
    # The report's languages, mother tongue and the language the child spoke, as codes.
    languages = ArrayField(models.CharField(max_length=5), default=list)
    # Report.marks_search: the words of the marks, typed and structured.
    marks = SearchVectorField(null=True)
    # Whether the report gives any name (has name keys): a child with a usable name is
    # compared by description only with reports that give none.
    named = models.BooleanField()

    class Meta:
        indexes = [
            models.Index(
                fields=["kind", "sex", "event_at"],
                include=[
                    "age_min",
                    "age_max",
                    "district_id",
                    "state_id",
                    "height_cm",
                    "languages",
                    "marks",
                    "named",
                    "report_id",
                ],
                name="description_lookup",
            ),
            # The same, within one State/UT.
            models.Index(
                fields=["kind", "state_id", "sex", "event_at"],
                include=[
                    "age_min",
                    "age_max",
                    "district_id",
                    "height_cm",
                    "languages",
                    "marks",
                    "named",
                    "report_id",
                ],
                name="description_state_lookup",
            ),
            # The two above for the reports that give no name alone, which is all a child with
            # a usable name is compared with by description: a few of each side's reports.
            models.Index(
                fields=["kind", "sex", "event_at"],
                include=_UNNAMED_COLUMNS,
                condition=models.Q(named=False),
                name="description_unnamed_lookup",
            ),
            models.Index(
                fields=["kind", "state_id", "sex", "event_at"],
                include=[column for column in _UNNAMED_COLUMNS if column != "state_id"],
                condition=models.Q(named=False),
                name="description_unnamed_state",
            ),
        ]

    def __str__(self):
        return f"description of report {self.report_id}"
