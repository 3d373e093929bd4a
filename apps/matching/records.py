"""Turning a stored report into the engine's plain ChildRecord (the only Django-aware step)."""

from django.utils import timezone

from apps.matching.engine import ChildRecord
from apps.reports.choices import ReportKind, Sex

ENGINE_SEX = {Sex.MALE: "M", Sex.FEMALE: "F", Sex.TRANSGENDER: "O", Sex.UNKNOWN: "U"}


def child_record(report, *, face=None, as_side: str | None = None) -> ChildRecord:
    """`as_side` lets an earlier case stand in as the "missing" side when looking for repeats."""
    missing = report.kind == ReportKind.MISSING
    # An unsaved report (a parent's inquiry) has no structured marks yet.
    structured = report.marks.all() if report.pk else []
    marks = " ".join([report.identification_marks, *(m.search_text() for m in structured)])
    return ChildRecord(
        id=str(report.pk),
        side=as_side or ("missing" if missing else "found"),
        name=report.full_name,
        local_name=report.name_local,
        other_names=report.other_names,
        sex=ENGINE_SEX.get(report.sex, "U"),
        age_min=report.age_min,
        age_max=report.age_max,
        event_date=timezone.localtime(report.event_at).date(),
        state=report.event_state.name_en,
        # Qualified by the state: several states have a district of the same name.
        district=f"{report.event_district.name_en}, {report.event_state.name_en}",
        place=" ".join(filter(None, [report.event_locality, report.event_landmark])),
        height_cm=report.height_cm,
        complexion=report.complexion,
        identification_marks=marks.strip(),
        languages=frozenset(
            code for code in [*report.languages, report.mother_tongue, report.told_language] if code
        ),
        # A found child's own account of their parents stands where a family's names would.
        father_name=" ".join(filter(None, [report.father_name, report.told_parent_names])),
        mother_name=report.mother_name,
        guardian_name=report.guardian_name,
        face=tuple(face) if face is not None else None,
    )
