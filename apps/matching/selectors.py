"""Reads for matching: candidate sets for the engine, review queues and who may decide."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.accounts.jurisdiction import scope_to_jurisdiction
from apps.matching.engine import DATE_GRACE_DAYS
from apps.matching.models import CandidateStatus, FaceEncoding, FaceStatus, MatchCandidate
from apps.reports.choices import ReportKind, Sex, Status
from apps.reports.models import Report
from apps.reports.selectors import can_search, has_full_access

# How many candidates the database hands to the engine: enough for recall across the country,
# few enough to score within the time budget.
KEY_CANDIDATE_LIMIT = 400
DISTRICT_CANDIDATE_LIMIT = 200
SCORED_CANDIDATES = 200
AGE_SLACK_YEARS = 3
RECENTLY_CHANGED = timedelta(days=2)
REMATCH_CYCLE_DAYS = 30
RECORD_RELATIONS = ("owning_unit", "event_state", "event_district")
# What the engine reads of a candidate (apps.matching.records.child_record), and no more: wide
# rows cost more to load than to score.
RECORD_FIELDS = (
    "kind",
    "full_name",
    "other_names",
    "name_local",
    "name_keys",
    "sex",
    "age_min",
    "age_max",
    "event_at",
    "event_state__name_en",
    "event_district__name_en",
    "event_locality",
    "event_landmark",
    "height_cm",
    "complexion",
    "identification_marks",
    "languages",
    "mother_tongue",
    "told_language",
    "father_name",
    "told_parent_names",
    "mother_name",
    "guardian_name",
)
FACE_STATUSES = (FaceStatus.OK, FaceStatus.SEVERAL_FACES)
# A child a citizen saw is matched like a child the police found.
FOUND_SIDE = (ReportKind.FOUND, ReportKind.SIGHTING)


def candidate_reports(report: Report, keys: list[str]) -> list[Report]:
    """Open reports of the other side that could be this child: sharing one of its name `keys`
    (apps.matching.engine.blocking_keys), or found in the same district; the engine's hard
    filters (sex, dates, age) already applied in SQL."""
    others = _compatible_other_side(report)
    chosen: dict[int, Report] = {}
    if len(keys) > 1:
        # Every name word shared: few rows even for common names, so they come first.
        _add(chosen, others.filter(name_keys__contains=keys), KEY_CANDIDATE_LIMIT)
    if keys:
        _add(chosen, others.filter(name_keys__overlap=keys), KEY_CANDIDATE_LIMIT)
    nearby = others.filter(event_district_id=report.event_district_id)
    _add(chosen, nearby, len(chosen) + DISTRICT_CANDIDATE_LIMIT)
    return _most_promising(report, keys, list(chosen.values()))


def _most_promising(report: Report, keys: list[str], candidates: list[Report]) -> list[Report]:
    """Full scoring costs about a third of a millisecond a pair: only the candidates sharing
    the most name keys (then the same district, then the newest) are scored."""
    wanted = set(keys)

    def promise(candidate: Report) -> tuple:
        shared = len(wanted.intersection(candidate.name_keys))
        same_district = candidate.event_district_id == report.event_district_id
        return (-shared, not same_district, -candidate.event_at.timestamp())

    return sorted(candidates, key=promise)[:SCORED_CANDIDATES]


def _add(chosen: dict, reports, up_to: int) -> None:
    if len(chosen) >= up_to:
        return
    for candidate in reports.exclude(pk__in=list(chosen))[: up_to - len(chosen)]:
        chosen[candidate.pk] = candidate


def _compatible_other_side(report: Report):
    missing = report.kind == ReportKind.MISSING
    others = (
        Report.objects.filter(kind__in=FOUND_SIDE if missing else [ReportKind.MISSING])
        .filter(status=Status.OPEN)
        .select_related("event_state", "event_district")
        .prefetch_related("marks")
        .only(*RECORD_FIELDS)
        .order_by("-event_at")
    )
    if report.sex in (Sex.MALE, Sex.FEMALE):
        others = others.filter(sex__in=[report.sex, Sex.UNKNOWN, Sex.TRANSGENDER])
    if missing:
        # Found after going missing, and not younger than the child was then.
        return others.filter(
            event_at__gte=report.event_at - timedelta(days=DATE_GRACE_DAYS),
            age_max__gte=report.age_min - AGE_SLACK_YEARS,
        )
    return others.filter(
        event_at__lte=report.event_at + timedelta(days=DATE_GRACE_DAYS),
        age_min__lte=report.age_max + AGE_SLACK_YEARS,
    )


def earlier_cases(report: Report, keys: list[str]) -> list[Report]:
    """Restored or closed cases that may be the same child going missing again."""
    if not keys:
        return []
    earlier = (
        Report.objects.filter(status__in=[Status.RESTORED, Status.CLOSED], name_keys__overlap=keys)
        .filter(event_at__lt=report.event_at)
        .exclude(pk=report.pk)
        .select_related(*RECORD_RELATIONS)
        .prefetch_related("marks")
        .order_by("-event_at")
    )
    if report.sex in (Sex.MALE, Sex.FEMALE):
        earlier = earlier.filter(sex__in=[report.sex, Sex.UNKNOWN])
    return list(earlier[:DISTRICT_CANDIDATE_LIMIT])


def face_of(report_id: int):
    return faces_of([report_id]).get(report_id)


def faces_of(report_ids: list[int]) -> dict[int, list[float]]:
    """One encoding per report (its first photo with a face)."""
    faces = {}
    encodings = FaceEncoding.objects.filter(
        report_id__in=report_ids, status__in=FACE_STATUSES
    ).order_by("photo_id")
    for report_id, encoding in encodings.values_list("report_id", "encoding"):
        faces.setdefault(report_id, encoding)
    return faces


def open_reports_due_for_rematch(today) -> list[int]:
    recently = timezone.now() - RECENTLY_CHANGED
    share = today.toordinal() % REMATCH_CYCLE_DAYS
    due = (
        Report.objects.filter(status=Status.OPEN)
        .annotate(cycle=F("id") % REMATCH_CYCLE_DAYS)
        .filter(Q(updated_at__gte=recently) | Q(cycle=share))
    )
    return list(due.values_list("pk", flat=True))


def can_decide(user, candidate: MatchCandidate) -> bool:
    """The unit owning either report, or its supervisors, decide."""
    return has_full_access(user, candidate.missing) or has_full_access(user, candidate.other)


def review_queue_for(user, *, status: str = CandidateStatus.PROPOSED):
    """Pairs touching a report owned inside the official's jurisdiction, newest and strongest
    first."""
    if not can_search(user):
        return MatchCandidate.objects.none()
    pairs = MatchCandidate.objects.select_related(
        "missing__owning_unit", "other__owning_unit", "missing__cover_photo", "other__cover_photo"
    )
    mine = scope_to_jurisdiction(pairs, user, unit_path="missing__owning_unit").values("pk")
    theirs = scope_to_jurisdiction(pairs, user, unit_path="other__owning_unit").values("pk")
    pairs = pairs.filter(Q(pk__in=mine) | Q(pk__in=theirs))
    if status:
        pairs = pairs.filter(status=status)
    return pairs.order_by("-proposed_at", "-score")


def candidate_for(user, pk: int) -> MatchCandidate:
    """Any official who can search may compare a pair; only its owners may decide."""
    if not can_search(user):
        raise PermissionDenied
    return get_object_or_404(
        MatchCandidate.objects.select_related(
            "missing__owning_unit",
            "other__owning_unit",
            "missing__event_state",
            "missing__event_district",
            "other__event_state",
            "other__event_district",
            "decided_by",
        ),
        pk=pk,
    )


def candidates_of_report(report: Report):
    return MatchCandidate.objects.filter(Q(missing=report) | Q(other=report)).select_related(
        "missing", "other"
    )
