"""Proposing, confirming and rejecting missing ↔ found pairs. Each function is one transaction
and safe to run twice: a pair is stored once, and a decided pair is never silently reopened."""

import hashlib
from dataclasses import replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit.models import AccessAction
from apps.audit.services import record_access
from apps.matching import selectors
from apps.matching.engine import REVIEW_THRESHOLD, blocking_keys, score_pair
from apps.matching.engine.profile import read_profile
from apps.matching.engine.scoring import score_profiles
from apps.matching.models import (
    CandidateKind,
    CandidateStatus,
    FaceEncoding,
    MatchCandidate,
)
from apps.matching.records import child_record
from apps.matching.signals import match_confirmed, match_proposed
from apps.reports import services as report_services
from apps.reports.choices import ReportKind, Status
from apps.reports.models import Report

TOP_CANDIDATES = 10
# A missed child costs more than a weak pair in the queue: pairs from score 25 (about one chance
# in ten, docs/matching.md) are proposed, strongest first, which reaches about 85% of the true
# pairs in the evaluation set instead of 77% at the engine's own threshold of 50.
PROPOSAL_THRESHOLD = REVIEW_THRESHOLD / 2
# A repeat disappearance links two cases of the same child, so it needs stronger evidence.
REPEAT_THRESHOLD = REVIEW_THRESHOLD + 15


def encode_faces(report: Report) -> int:
    """Compute the encodings this report's photos still lack; return how many were computed."""
    from apps.faces.encoding import encode_photo

    computed = 0
    for photo in report.photos.filter(face__isnull=True):
        with photo.image.open("rb") as stored:
            result = encode_photo(stored.read())
        FaceEncoding.objects.update_or_create(
            photo=photo,
            defaults={
                "report": report,
                "status": result.status,
                "face_count": result.face_count,
                "encoding": list(result.encoding) if result.encoding else None,
            },
        )
        computed += 1
    return computed


@transaction.atomic
def match_report(report_id: int) -> list[MatchCandidate]:
    """Score an open report against the other side (and, for a missing child, earlier closed
    cases), and store the strongest pairs for review."""
    report = Report.objects.select_for_update().filter(pk=report_id).first()
    if report is None or report.status != Status.OPEN:
        return []
    target = child_record(report, face=selectors.face_of(report.pk))
    keys = blocking_keys(target)
    candidates = selectors.candidate_reports(report, keys)
    stored = _propose(report, target, candidates, CandidateKind.MATCH)
    if report.kind == ReportKind.MISSING:
        stored += _propose_repeats(report, target, selectors.earlier_cases(report, keys))
    return stored


def _propose(report, target, candidates, kind) -> list[MatchCandidate]:
    faces = selectors.faces_of([candidate.pk for candidate in candidates])
    target_profile = read_profile(target)  # read once, not once per pair
    scored = []
    for candidate in candidates:
        record = child_record(candidate, face=faces.get(candidate.pk))
        missing, found = (target, record) if report.is_missing else (record, target)
        profiles = (target_profile, read_profile(record))
        result = score_profiles(*(profiles if report.is_missing else reversed(profiles)))
        if result is not None and result.score >= PROPOSAL_THRESHOLD:
            scored.append((result, candidate, missing, found))
    scored.sort(key=lambda item: -item[0].score)
    return [
        _store(
            kind,
            missing_report=report if report.is_missing else candidate,
            other_report=candidate if report.is_missing else report,
            result=result,
            fingerprint=_fingerprint(missing, found),
        )
        for result, candidate, missing, found in scored[:TOP_CANDIDATES]
    ]


def _propose_repeats(report, target, earlier_cases) -> list[MatchCandidate]:
    """An earlier, closed case of the same child stands in as the "missing" side: its date and
    age come first, the new disappearance second, which is the order the engine expects."""
    new_case = replace(target, side="found")
    stored = []
    for earlier in earlier_cases:
        record = child_record(earlier, as_side="missing")
        result = score_pair(record, new_case)
        if result is not None and result.score >= REPEAT_THRESHOLD:
            stored.append(
                _store(
                    CandidateKind.REPEAT,
                    missing_report=report,
                    other_report=earlier,
                    result=result,
                    fingerprint=_fingerprint(record, new_case),
                )
            )
    return stored


def _store(kind, *, missing_report, other_report, result, fingerprint) -> MatchCandidate:
    candidate, created = MatchCandidate.objects.get_or_create(
        missing=missing_report,
        other=other_report,
        defaults={
            "kind": kind,
            "score": result.score,
            "evidence": result.as_dict()["evidence"],
            "fingerprint": fingerprint,
        },
    )
    reopened = candidate.status == CandidateStatus.REJECTED and candidate.fingerprint != fingerprint
    if not created and (candidate.status == CandidateStatus.PROPOSED or reopened):
        candidate.score = result.score
        candidate.evidence = result.as_dict()["evidence"]
        candidate.fingerprint = fingerprint
        candidate.status = CandidateStatus.PROPOSED
        candidate._change_reason = "Reports changed; proposed again" if reopened else "Rescored"
        candidate.save()
    if created or reopened:
        candidate_id = candidate.pk
        transaction.on_commit(
            lambda: match_proposed.send(sender=MatchCandidate, candidate_id=candidate_id)
        )
    return candidate


def _fingerprint(missing, found) -> str:
    return hashlib.sha256(repr((missing, found)).encode()).hexdigest()


@transaction.atomic
def confirm_match(request, *, candidate: MatchCandidate) -> MatchCandidate:
    candidate = _lock_for_decision(request.user, candidate)
    decider = request.user
    candidate.status = CandidateStatus.CONFIRMED
    _record_decision(request, candidate, reason="")
    if candidate.kind == CandidateKind.MATCH:
        for report, partner in (
            (candidate.missing, candidate.other),
            (candidate.other, candidate.missing),
        ):
            report_services.change_status(
                report=report,
                changed_by=decider,
                status=Status.MATCHED,
                closure_reason="",
                note=_("Matched with %(case)s") % {"case": partner.case_number},
            )
        MatchCandidate.objects.filter(
            Q(missing__in=[candidate.missing, candidate.other])
            | Q(other__in=[candidate.missing, candidate.other]),
            kind=CandidateKind.MATCH,
            status=CandidateStatus.PROPOSED,
        ).exclude(pk=candidate.pk).update(status=CandidateStatus.SUPERSEDED)
    transaction.on_commit(
        lambda: match_confirmed.send(sender=MatchCandidate, candidate_id=candidate.pk)
    )
    return candidate


@transaction.atomic
def reject_match(request, *, candidate: MatchCandidate, reason: str) -> MatchCandidate:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why these are not the same child.")})
    candidate = _lock_for_decision(request.user, candidate)
    candidate.status = CandidateStatus.REJECTED
    _record_decision(request, candidate, reason=reason.strip())
    return candidate


def _lock_for_decision(user, candidate) -> MatchCandidate:
    candidate = (
        MatchCandidate.objects.select_for_update()
        .select_related("missing__owning_unit", "other__owning_unit")
        .get(pk=candidate.pk)
    )
    if not selectors.can_decide(user, candidate):
        raise PermissionDenied
    if candidate.status != CandidateStatus.PROPOSED:
        raise ValidationError(_("This pair has already been decided."))
    return candidate


def _record_decision(request, candidate, *, reason: str) -> None:
    candidate.decided_by = request.user
    candidate.decided_at = timezone.now()
    candidate.decision_reason = reason[:300]
    candidate._history_user = request.user
    candidate._change_reason = candidate.get_status_display()
    candidate.save()
    record_pair_access(
        request,
        candidate,
        action=AccessAction.DECIDE_MATCH,
        detail=f"{candidate.get_status_display()}: {candidate}",
    )


def record_pair_access(request, candidate, *, action: AccessAction, detail: str) -> None:
    """A pair shows two children's records: the access log gets an entry for each."""
    for report in (candidate.missing, candidate.other):
        record_access(
            request, action=action, record=report, owner_unit=report.owning_unit, detail=detail
        )


def reports_to_rematch(today) -> list[int]:
    """The nightly safety net: open reports changed in the last two days (a task may have been
    lost), plus a thirtieth of all other open reports, so every one is re-matched each month."""
    return selectors.open_reports_due_for_rematch(today)


def likely_found_children(report: Report) -> list[tuple[Report, float]]:
    """Found children who may be the child of an unsaved missing report (a parent's inquiry),
    strongest first; nothing is stored."""
    target = child_record(report)
    found = [
        candidate
        for candidate in selectors.candidate_reports(report, blocking_keys(target))
        if candidate.kind == ReportKind.FOUND
    ]
    scored = []
    for candidate in found:
        result = score_pair(target, child_record(candidate))
        if result is not None and result.score >= PROPOSAL_THRESHOLD:
            scored.append((candidate, result.score))
    return sorted(scored, key=lambda pair: -pair[1])[:TOP_CANDIDATES]
