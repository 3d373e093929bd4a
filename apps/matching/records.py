"""Turning a stored report into the engine's plain ChildRecord (the only Django-aware step)."""

from collections.abc import Mapping

from django.utils import timezone

from apps.directory.selectors import place_names
from apps.matching.engine import ChildRecord
from apps.matching.selectors import RECORD_FIELDS
from apps.names.places import DISTRICT_STATE_SEPARATOR
from apps.reports.choices import ReportKind, Sex
from apps.reports.selectors import home_of

ENGINE_SEX = {Sex.MALE: "M", Sex.FEMALE: "F", Sex.TRANSGENDER: "O", Sex.UNKNOWN: "U"}


def child_record(report, *, face=None, as_side: str | None = None) -> ChildRecord:
    """`as_side` lets an earlier case stand in as the "missing" side when looking for repeats."""
    fields = {name: getattr(report, name) for name in RECORD_FIELDS if "__" not in name}
    fields["event_state__name_en"] = report.event_state.name_en
    fields["event_district__name_en"] = report.event_district.name_en
    # An unsaved report (a parent's inquiry) has no structured marks yet.
    marks = [mark.search_text() for mark in report.marks.all()] if report.pk else []
    return record_from_fields(fields, marks, face=face, as_side=as_side)


def record_from_fields(
    fields: Mapping, marks: list[str], *, face=None, as_side: str | None = None
) -> ChildRecord:
    """The ChildRecord of a report read as plain values (apps.matching.selectors.RECORD_FIELDS)
    and its identification marks as words."""
    missing = fields["kind"] == ReportKind.MISSING
    state = fields["event_state__name_en"]
    return ChildRecord(
        id=str(fields["id"]),
        side=as_side or ("missing" if missing else "found"),
        name=fields["full_name"],
        local_name=fields["name_local"],
        other_names=fields["other_names"],
        sex=ENGINE_SEX.get(fields["sex"], "U"),
        age_min=fields["age_min"],
        age_max=fields["age_max"],
        event_date=timezone.localtime(fields["event_at"]).date(),
        state=state,
        district=fields["event_district__name_en"] + DISTRICT_STATE_SEPARATOR + state,
        place=" ".join(filter(None, [fields["event_locality"], fields["event_landmark"]])),
        height_cm=fields["height_cm"],
        complexion=fields["complexion"],
        identification_marks=" ".join([fields["identification_marks"], *marks]).strip(),
        languages=frozenset(
            code
            for code in [*fields["languages"], fields["mother_tongue"], fields["told_language"]]
            if code
        ),
        # A found child's own account of their parents stands where a family's names would.
        father_name=" ".join(filter(None, [fields["father_name"], fields["told_parent_names"]])),
        mother_name=fields["mother_name"],
        guardian_name=fields["guardian_name"],
        face=tuple(face) if face is not None else None,
        birth_date=fields["date_of_birth"],
        **_home(fields),
    )


def _home(fields: Mapping) -> dict:
    names = place_names()
    districts, states = names.names(home_of(fields))
    told, from_address = "", False
    if fields["kind"] != ReportKind.MISSING:
        words = fields["told_home_place"].strip()
        heard = names.find(words)
        named_a_place = bool(heard.districts or heard.states)
        # Where her words name no place, the home is her family's address on the report.
        told = words if named_a_place else "; ".join(sorted(districts))
        from_address = bool(districts) and not named_a_place
    return {
        "home_districts": districts,
        "home_states": states,
        "home_told": told,
        "home_from_address": from_address,
    }
