"""Reads of child reports. Who may do what is decided here, next to the queries it limits.

Every police and child-protection official may search the whole country and sees a tracing
summary of any report. The full record (family, addresses, case notes, history) is open only to
the owning unit and to the district, state and national officials who oversee it.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from apps.accounts.jurisdiction import Jurisdiction, scope_to_jurisdiction
from apps.core.days import start_of
from apps.core.pagination import CountCapped
from apps.core.replicas import replica_alias
from apps.directory.models import (
    CCI_UNIT_TYPES,
    POLICE_UNIT_TYPES,
    District,
    State,
    Unit,
    UnitType,
)
from apps.directory.selectors import (
    PublicContact,
    place_names,
    public_contact_for,
    public_phone_for,
)
from apps.names.keys import name_words, normalise_name, normalised_similarity, query_keys
from apps.names.places import ToldPlaces
from apps.reports.choices import TRAVEL_PLACES, Circumstance, ConsentPurpose
from apps.reports.models import (
    CLOSED_AS_DUPLICATE,
    Consent,
    OutcomeRequest,
    Report,
    ReportKind,
    ReportPhoto,
    Status,
)

MISSING_FILING_UNITS = frozenset({UnitType.POLICE_STATION, UnitType.RAILWAY_POLICE, UnitType.SJPU})
FOUND_FILING_UNITS = MISSING_FILING_UNITS | {UnitType.CWC, UnitType.DCPU} | CCI_UNIT_TYPES
# A name search ranks at most this many candidates of each grade of match (every word of the
# name, then only its keys), the newest of each first; fetching and scoring more would make
# everyone wait for the rare search that needs them.
MAX_RANKED_CANDIDATES = 2000
# Counting every match of a broad search over millions of reports costs more than the page
# itself; beyond this many the list says "more than".
MAX_COUNTED = 1000
# A search by identification-mark words reads the newest reports a window of dates at a time,
# widening while a page is not full: common words ("mole cheek") fit tens of thousands of
# reports, which sorting all by date to show 25 would read from disk.
MARKS_WINDOWS = (timedelta(days=30), timedelta(days=365))
SUMMARY_RELATIONS = ("owning_unit", "event_state", "event_district", "cover_photo", "drive")
# A case number as Report.case_number writes it ("M-0001042"), typed with or without its
# letter, dash and leading zeros.
CASE_NUMBER = re.compile(r"^\s*(?:(?P<prefix>[MFS])\s*-?\s*)?0*(?P<pk>\d{1,12})\s*$", re.I)
CASE_PREFIXES = {"M": ReportKind.MISSING, "F": ReportKind.FOUND, "S": ReportKind.SIGHTING}


def can_search(user) -> bool:
    return user.is_authenticated and user.level is not None


def can_file(user, kind: ReportKind) -> bool:
    if not can_search(user):
        return False
    units = MISSING_FILING_UNITS if kind == ReportKind.MISSING else FOUND_FILING_UNITS
    return user.unit.unit_type in units


def has_full_access(user, report: Report) -> bool:
    """The owning unit and its supervisors see, and may change, everything about a report."""
    return can_search(user) and Jurisdiction.of(user).covers_unit(report.owning_unit)


def can_manage_consent(user, report: Report) -> bool:
    """Consent is recorded and withdrawn by the report's owning unit and its supervisors."""
    return has_full_access(user, report)


def has_consent(report: Report, purpose: ConsentPurpose) -> bool:
    """Whether a consent for `purpose` is in force on the report now (given, not withdrawn)."""
    return report.consents.filter(purpose=purpose, withdrawn_at__isnull=True).exists()


def consented_to(purpose: ConsentPurpose):
    """For filtering reports in one query: a consent for `purpose` is in force."""
    return Exists(
        Consent.objects.filter(report=OuterRef("pk"), purpose=purpose, withdrawn_at__isnull=True)
    )


def withdrawn_from(purpose: ConsentPurpose):
    """For filtering reports in one query: a consent for `purpose` was given and withdrawn."""
    return Exists(
        Consent.objects.filter(report=OuterRef("pk"), purpose=purpose, withdrawn_at__isnull=False)
    )


def face_matching_refused(report: Report) -> bool:
    """Whether the family withdrew its consent to face matching and gave it no more: the
    child's photos are then matched by no one's face, their encodings deleted. Without any
    record of it, faces are matched as the tracing of a missing child requires."""
    consents = report.consents.filter(purpose=ConsentPurpose.FACE_MATCHING)
    return consents.exists() and not consents.filter(withdrawn_at__isnull=True).exists()


def consents_of(report: Report):
    """The report's consent history, newest first, with who recorded and withdrew each."""
    return report.consents.select_related("recorded_by", "withdrawn_by")


def report_for(user, pk: int) -> Report:
    if not can_search(user):
        raise PermissionDenied
    # Only the summary's relations are joined: planning a join of every related table cost more
    # than the few single-row reads the full record needs when it is shown.
    return get_object_or_404(
        Report.objects.select_related(*SUMMARY_RELATIONS).prefetch_related("marks", "photos"),
        pk=pk,
    )


def editable_report_for(user, pk: int) -> Report:
    report = report_for(user, pk)
    if not has_full_access(user, report):
        raise PermissionDenied
    return report


def report_by_case_number(case_number: str) -> Report | None:
    """The report a case number names (every official sees any report's tracing summary), or
    None when there is none of that kind."""
    parsed = CASE_NUMBER.match(case_number or "")
    if parsed is None:
        return None
    reports = Report.objects.select_related(*SUMMARY_RELATIONS).filter(pk=int(parsed["pk"]))
    if parsed["prefix"]:
        reports = reports.filter(kind=CASE_PREFIXES[parsed["prefix"].upper()])
    return reports.first()


def duplicates_of(report: Report):
    """The reports closed as duplicates of this one, with what they hold (photos, marks, case
    notes), which stays reachable from here."""
    return (
        report.duplicates.select_related("owning_unit")
        .prefetch_related("photos", "marks", "notes__written_by")
        .order_by("pk")
    )


def public_report(pk: int) -> Report:
    report = get_object_or_404(Report.objects.select_related(*SUMMARY_RELATIONS), pk=pk)
    if not report.is_publishable:
        raise Http404
    return report


def photo_for(user, public_id) -> ReportPhoto:
    """Officials see every photo (it is part of the tracing summary); the public only those of
    children whose family consented to publication and who are still sought."""
    photo = get_object_or_404(
        ReportPhoto.objects.select_related("report__owning_unit"), public_id=public_id
    )
    if can_search(user) or photo.report.is_publishable:
        return photo
    raise Http404


@dataclass(frozen=True)
class ReportContact:
    """Whom to call about a report's child (`unit`), and the number to call (`phone`: the
    unit's own, or whose it is when the unit has none)."""

    unit: Unit | None
    phone: PublicContact


def contact_for(report: Report, *, public: bool) -> ReportContact:
    """The contact a page gives for a report's child: the unit answering for the child now
    (Report.responsible_unit: after a transfer, the institution holding the child), and on
    pages and notices the public reads, the police unit or DCPU speaking for it (never a
    children's home: nobody learns from the portal where a child is sheltered). Always with a
    phone (directory.selectors.public_phone_for)."""
    unit = report.responsible_unit
    if public:
        unit = public_contact_for(unit, where=report.event_district)
    return ReportContact(unit=unit, phone=public_phone_for(unit))


def outcome_requests_for(user):
    """The reports the user's jurisdiction owns whose child's case ended under another report,
    waiting for their outcome to be recorded."""
    if not can_search(user):
        return OutcomeRequest.objects.none()
    waiting = OutcomeRequest.objects.filter(done_at__isnull=True)
    return scope_to_jurisdiction(waiting, user, unit_path="report__owning_unit").select_related(
        "report__owning_unit", "because_of__owning_unit", "requested_by"
    )


def outcome_request_for(user, pk: int) -> OutcomeRequest:
    """One waiting request of the user's jurisdiction; any other is not found."""
    return get_object_or_404(outcome_requests_for(user), pk=pk)


def waiting_outcomes_of(report: Report):
    return report.outcome_requests.filter(done_at__isnull=True).select_related(
        "because_of__owning_unit"
    )


def history_of(report: Report):
    return report.history.select_related("history_user").order_by("-history_date", "-history_id")


def notes_of(report: Report):
    return report.notes.select_related("written_by")


def current_districts():
    return District.objects.current()


def institutions_for(user):
    """Child Care Institutions a found child may be placed in, nearest the official first."""
    institutions = Unit.objects.filter(unit_type__in=CCI_UNIT_TYPES, is_active=True)
    jurisdiction = Jurisdiction.of(user)
    if jurisdiction.state_id:
        institutions = institutions.filter(state_id=jurisdiction.state_id)
    return institutions.select_related("district").order_by("district__name_en", "name")


@dataclass(frozen=True)
class SearchCriteria:
    name: str = ""
    kind: str = ""
    sex: str = ""
    age_from: int | None = None
    age_to: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    state: State | None = None
    district: District | None = None
    unit_name: str = ""
    status: str = ""
    marks: str = ""
    language: str = ""
    has_photo: bool = False
    publishable_only: bool = False  # the public search: consent given and still sought


class NewestWithin(CountCapped):
    """A capped search, newest first, whose pages are read within the most recent `windows` of
    dates first (the mark words' index ANDed with the dates'), then without a bound. A window
    holding a full page holds the same page as the whole list, since it is its newest part."""

    def __init__(self, queryset, cap: int, windows):
        super().__init__(queryset, cap)
        self.windows = windows

    def __getitem__(self, page: slice):
        now = timezone.now()
        wanted = page.stop - (page.start or 0)
        for window in self.windows:
            rows = list(self.queryset.filter(event_at__gte=now - window)[page])
            if len(rows) == wanted:
                return rows
        return self.queryset[page]


class RankedReports:
    """Report ids in order of name similarity, fetched a page at a time for the Paginator from
    the database they were found in."""

    def __init__(self, ids: list[int], database: str):
        self.ids, self.database = ids, database

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, page: slice) -> list[Report]:
        page_ids = self.ids[page]
        reports = Report.objects.using(self.database).select_related(*SUMMARY_RELATIONS)
        found = reports.in_bulk(page_ids)
        return [found[pk] for pk in page_ids if pk in found]


def search_reports(criteria: SearchCriteria):
    """All reports in the country that fit the criteria, best name match first, then newest:
    one per child, so a report closed as a duplicate is left out, and found by a name only it
    gives, it stands for the report the case goes on under. Read on the replica, if any."""
    database = replica_alias()
    reports = _filtered(Report.objects.using(database), criteria).order_by("-event_at", "-pk")
    if not criteria.name.strip():
        reports = reports.exclude(CLOSED_AS_DUPLICATE).select_related(*SUMMARY_RELATIONS)
        if criteria.marks.strip():
            return NewestWithin(reports, MAX_COUNTED, MARKS_WINDOWS)
        return CountCapped(reports, MAX_COUNTED)
    keys = query_keys(criteria.name)
    if not keys:
        return Report.objects.none()
    candidates = reports.exclude(CLOSED_AS_DUPLICATE, duplicate_of__isnull=True)
    wanted = normalise_name(criteria.name)
    words = name_words([wanted])
    # Through the index of whole phonetic words, then through that of the coarse keys: an
    # older report with the very name typed is ranked however many newer ones share its keys.
    by_keys = candidates.filter(name_keys__contains=keys)
    grades = [by_keys]
    if words:
        grades = [
            candidates.filter(name_words__contains=words),
            by_keys.exclude(name_words__contains=words),
        ]
    rows = []
    for grade in grades:
        # Reports holding every word typed in one of their names score 100, above all others
        # (normalised_similarity): when they fill the list, those sharing only keys are not read.
        if len(rows) >= MAX_RANKED_CANDIDATES:
            break
        rows += grade.values_list("pk", "name_forms", "duplicate_of_id")[:MAX_RANKED_CANDIDATES]
    scored = [
        (normalised_similarity(wanted, *forms), position, primary or pk)
        for position, (pk, forms, primary) in enumerate(rows)
    ]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return RankedReports(list(dict.fromkeys(pk for _score, _position, pk in scored)), database)


def _filtered(reports, criteria: SearchCriteria):
    exact = {
        "kind": criteria.kind,
        "sex": criteria.sex,
        "status": criteria.status,
        "event_state": criteria.state,
        "event_district": criteria.district,
    }
    reports = reports.filter(**{field: value for field, value in exact.items() if value})
    if criteria.unit_name.strip():
        reports = reports.filter(owning_unit__name__icontains=criteria.unit_name.strip())
    if criteria.age_from is not None:
        reports = reports.filter(age_max__gte=criteria.age_from)
    if criteria.age_to is not None:
        reports = reports.filter(age_min__lte=criteria.age_to)
    if criteria.date_from:
        reports = reports.filter(event_at__gte=start_of(criteria.date_from))
    if criteria.date_to:
        reports = reports.filter(event_at__lt=start_of(criteria.date_to + timedelta(days=1)))
    if criteria.marks.strip():
        reports = reports.filter(
            marks_search=SearchQuery(criteria.marks, config="simple", search_type="plain")
        )
    if criteria.language:
        reports = reports.filter(
            Q(languages__contains=[criteria.language])
            | Q(mother_tongue=criteria.language)
            | Q(told_language=criteria.language)
        )
    if criteria.has_photo:
        reports = reports.filter(photo_count__gt=0)
    if criteria.publishable_only:
        reports = reports.filter(publication_consent=True, status=Status.OPEN)
    return reports


# --- The national feed: new missing children across India, for every police unit ---


class FeedScope:
    INDIA = ""
    MY_STATE = "state"
    NEIGHBOURS = "neighbours"


@dataclass
class FeedFilters:
    scope: str = FeedScope.INDIA
    trafficking: bool = False  # suspected kidnapping or trafficking
    travel: bool = False  # last seen at a railway station or bus stand


def can_see_national_feed(user) -> bool:
    """Police units all over India see each new missing child (the ministry's broadcast to every
    police station); child protection and care staff search instead."""
    return can_search(user) and user.unit.unit_type in POLICE_UNIT_TYPES


def new_missing_children(user, filters: FeedFilters | None = None):
    """Open missing reports, newest filed first, with the feed's filters. The photo is shown
    only where the family consented (Report.is_publishable), which the template decides.
    Read on the replica, if any."""
    if not can_see_national_feed(user):
        raise PermissionDenied
    filters = filters or FeedFilters()
    reports = Report.objects.using(replica_alias()).filter(
        kind=ReportKind.MISSING, status=Status.OPEN
    )
    home_state = user.unit.state_id
    if filters.scope == FeedScope.MY_STATE:
        reports = reports.filter(event_state_id=home_state)
    elif filters.scope == FeedScope.NEIGHBOURS:
        neighbours = State.neighbours.through.objects.filter(from_state_id=home_state)
        reports = reports.filter(event_state_id__in=list(neighbours.values_list("to_state_id")))
    if filters.trafficking:
        reports = reports.filter(circumstances=Circumstance.KIDNAPPING)
    if filters.travel:
        reports = reports.filter(event_place_kind__in=TRAVEL_PLACES)
    reports = reports.select_related(*SUMMARY_RELATIONS).order_by("-created_at", "-pk")
    return CountCapped(reports, MAX_COUNTED)


# What home_of reads of a report.
HOME_FIELDS = (
    "kind",
    "event_district_id",
    "permanent_district_id",
    "present_district_id",
    "told_home_place",
)


def home_of(fields: Mapping) -> ToldPlaces:
    """Where a report's child is from: for a missing child, the districts where she lived and
    went missing; for a found child or a sighting, the districts and States/UTs the child
    named when asked where home is, and the districts of the family's address if the report
    gives one (a family traced, a partner's record of the child's home)."""
    names = place_names()
    if fields["kind"] == ReportKind.MISSING:
        return names.of_districts(
            fields[name] for name in HOME_FIELDS if name.endswith("_district_id")
        )
    told = names.find(fields["told_home_place"])
    address = names.of_districts([fields["permanent_district_id"], fields["present_district_id"]])
    return ToldPlaces(told.districts | address.districts, told.states | address.states)


def home_of_report(report: Report) -> ToldPlaces:
    return home_of({name: getattr(report, name) for name in HOME_FIELDS})
