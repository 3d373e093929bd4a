"""Proposing, confirming and rejecting missing ↔ found pairs. Each function is one transaction
and safe to run twice: a pair is stored once, and a decided pair is never silently reopened."""

from dataclasses import replace
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from apps.audit.models import AccessAction
from apps.audit.services import record_access
from apps.matching import selectors
from apps.matching.engine import (
    MatchScore,
    blocking_keys,
    face_distance,
    score_pair,
)
from apps.matching.engine.duplicates import (
    DUPLICATE_CURVE,
    duplicate_exclusion,
    duplicate_log_odds,
    duplicate_score,
    explain_duplicate,
    ordered,
)
from apps.matching.engine.evidence import exclusion
from apps.matching.engine.faces import closest_faces
from apps.matching.engine.index import slipped_keys
from apps.matching.engine.profile import read_profile
from apps.matching.engine.records import pair_fingerprint
from apps.matching.engine.scoring import (
    calibrated_score,
    explain_pair,
    log_odds_for,
    pair_log_odds,
    score_profiles,
    shortlist,
)
from apps.matching.models import (
    DISTRICT_KEY_PREFIX,
    CandidateKind,
    CandidateStatus,
    FaceEncoding,
    MatchCandidate,
)
from apps.matching.records import child_record, record_from_fields
from apps.matching.signals import match_confirmed, match_proposed
from apps.matching.thresholds import (
    DUPLICATE_THRESHOLD,
    PROPOSAL_THRESHOLD,
    REPEAT_THRESHOLD,
    TOP_CANDIDATES,
)
from apps.reports import selectors as report_selectors
from apps.reports import services as report_services
from apps.reports.choices import ReportKind, Status
from apps.reports.models import Report

# A parent's name key among lookup_keys: name keys are letters only, as in CandidateKey.
_PARENT_KEY_PREFIX = "p:"


def encode_faces(report: Report) -> int:
    """Compute the encodings this report's photos still lack; return how many were computed."""
    from apps.faces.encoding import encode_photo

    if report_selectors.face_matching_refused(report):
        return 0
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
    """Score an open report against the other side, against its own side (the same child
    reported twice) and, for a missing child, earlier closed cases, and store the strongest
    pairs for review."""
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("event_state", "event_district")
        .filter(pk=report_id)
        .first()
    )
    if report is None or report.status != Status.OPEN:
        return []
    faces = selectors.faces_of([report.pk]).get(report.pk, [])
    target = child_record(report, face=faces[0] if faces else None)
    keys = blocking_keys(target)
    # Reports from where the child is from or by name, reports anywhere with a close face, and
    # reports anywhere that fit the description of a child who gives no usable name.
    candidate_ids = [
        *_candidate_ids_by_home_and_name(report, keys),
        *selectors.face_candidate_ids(report, faces),
        *selectors.description_candidate_ids(report, target),
    ]
    stored = _propose(report, target, faces, list(dict.fromkeys(candidate_ids)))
    stored += _propose_duplicates(report, target, faces, keys)
    if report.kind == ReportKind.MISSING:
        stored += _propose_repeats(report, target, selectors.earlier_case_ids(report, keys))
    _rescore_left_behind(report, target, faces, stored)
    return stored


def _candidate_ids_by_home_and_name(report: Report, keys: list[str]) -> list[int]:
    """Reports of the other side from where the child is from (first: few, and telling),
    sharing a name key or the district, or with a name key one slip away: what both
    match_report and a parent's inquiry (likely_found_children) read."""
    return [
        *selectors.home_candidate_ids(report),
        *selectors.candidate_ids(report, keys),
        *selectors.slipped_key_candidate_ids(report, keys),
    ]


class _Pair(NamedTuple):
    missing_id: int
    other_id: int
    result: MatchScore
    fingerprint: str


def _propose(report, target, target_faces, candidate_ids: list[int]) -> list[MatchCandidate]:
    """Every candidate is ranked by its summed evidence (numbers only); only the best are
    explained in words and stored, with exactly score_pair's score. Of reports with several
    photos, the two faces that lie closest are compared."""
    faces = selectors.faces_of(candidate_ids)
    target_profile = read_profile(target)  # read once, not once per pair
    ranked = []
    for fields, marks in selectors.candidate_rows(candidate_ids):
        ours, theirs = closest_faces(target_faces, faces.get(fields["id"], []))
        profile = read_profile(record_from_fields(fields, marks, face=theirs))
        own = target_profile
        if ours is not None and tuple(ours) != target.face:
            own = replace(target_profile, record=replace(target, face=tuple(ours)))
        missing, found = (own, profile) if report.is_missing else (profile, own)
        if exclusion(missing, found) is not None:
            continue
        distance = face_distance(missing.record.face, found.record.face)
        log_odds = pair_log_odds(missing, found, distance)
        if calibrated_score(log_odds) >= PROPOSAL_THRESHOLD:
            ranked.append((-log_odds, fields["id"], missing, found, distance))
    ranked.sort(key=lambda item: item[:2])
    # For a child who gives no usable name the last places go to the best without the name.
    chosen = shortlist(target_profile, ranked, TOP_CANDIDATES, lambda item: (item[2], item[3]))
    pairs = []
    for _log_odds, candidate_id, missing, found, distance in chosen:
        result = explain_pair(missing, found, distance)
        if result.score >= PROPOSAL_THRESHOLD:
            pairs.append(
                _Pair(
                    missing_id=report.pk if report.is_missing else candidate_id,
                    other_id=candidate_id if report.is_missing else report.pk,
                    result=result,
                    fingerprint=pair_fingerprint(missing.record, found.record),
                )
            )
    return _store_all(CandidateKind.MATCH, pairs)


# The summed evidence from which a duplicate pair reaches its threshold.
_DUPLICATE_FLOOR = log_odds_for(DUPLICATE_THRESHOLD, DUPLICATE_CURVE)


def _propose_duplicates(report, target, target_faces, keys: list[str]) -> list[MatchCandidate]:
    """Open reports of the same side that may be this child reported twice (sharing a name key
    or the district, with a name key one slip away, or anywhere with a close face), ranked and
    explained as _propose does, with the engine's duplicate comparison."""
    candidate_ids = list(
        dict.fromkeys(
            selectors.candidate_ids(report, keys, same_side=True)
            + selectors.slipped_key_candidate_ids(report, keys, same_side=True)
            + selectors.face_candidate_ids(report, target_faces, same_side=True)
        )
    )
    faces = selectors.faces_of(candidate_ids)
    target_profile = read_profile(target)  # read once, not once per pair
    ranked = []
    for fields, marks in selectors.candidate_rows(candidate_ids):
        ours, theirs = closest_faces(target_faces, faces.get(fields["id"], []))
        profile = read_profile(record_from_fields(fields, marks, face=theirs, as_side=target.side))
        own = target_profile
        if ours is not None and tuple(ours) != target.face:
            own = replace(target_profile, record=replace(target, face=tuple(ours)))
        # The lower id first when the dates agree, so the words read the same whichever
        # report was matched.
        first, second = ordered(*sorted((own, profile), key=_report_id))
        if duplicate_exclusion(first, second) is not None:
            continue
        distance = face_distance(first.record.face, second.record.face)
        log_odds = duplicate_log_odds(first, second, distance, floor=_DUPLICATE_FLOOR)
        if log_odds is not None and duplicate_score(log_odds) >= DUPLICATE_THRESHOLD:
            ranked.append((-log_odds, fields["id"], first, second, distance))
    ranked.sort(key=lambda item: item[:2])
    pairs = []
    for _log_odds, candidate_id, first, second, distance in ranked[:TOP_CANDIDATES]:
        result = explain_duplicate(first, second, distance)
        if result.score >= DUPLICATE_THRESHOLD:
            pairs.append(_duplicate_pair(report.pk, candidate_id, first, second, result))
    return _store_all(CandidateKind.DUPLICATE, pairs)


def _report_id(profile) -> int:
    return int(profile.record.id)


def _duplicate_pair(report_id: int, candidate_id: int, first, second, result) -> _Pair:
    """Stored with the lower id as `missing`, and fingerprinted in that order too, so the pair
    is the same row whichever of its reports was matched."""
    records = [profile.record for profile in sorted((first, second), key=_report_id)]
    return _Pair(
        missing_id=min(report_id, candidate_id),
        other_id=max(report_id, candidate_id),
        result=result,
        fingerprint=pair_fingerprint(*records),
    )


def _propose_repeats(report, target, earlier_ids: list[int]) -> list[MatchCandidate]:
    """An earlier, closed case of the same child stands in as the "missing" side: its date and
    age come first, the new disappearance second, which is the order the engine expects."""
    new_case = read_profile(replace(target, side="found"))
    pairs = []
    for fields, marks in selectors.candidate_rows(earlier_ids):
        earlier = read_profile(record_from_fields(fields, marks, as_side="missing"))
        if exclusion(earlier, new_case) is not None:
            continue
        if calibrated_score(pair_log_odds(earlier, new_case, None)) < REPEAT_THRESHOLD:
            continue  # most earlier cases: not explained in words
        result = explain_pair(earlier, new_case, None)
        if result.score >= REPEAT_THRESHOLD:
            pairs.append(
                _Pair(
                    missing_id=report.pk,
                    other_id=fields["id"],
                    result=result,
                    fingerprint=pair_fingerprint(earlier.record, new_case.record),
                )
            )
    return _store_all(CandidateKind.REPEAT, pairs)


def _store_all(kind, pairs: list[_Pair]) -> list[MatchCandidate]:
    """_store for several pairs at once: the ones stored before are read in one query, the new
    ones inserted together with their history rows."""
    if not pairs:
        return []
    stored = {
        (candidate.missing_id, candidate.other_id): candidate
        for candidate in MatchCandidate.objects.filter(
            missing_id__in={pair.missing_id for pair in pairs},
            other_id__in={pair.other_id for pair in pairs},
        )
    }
    for pair in pairs:
        if (pair.missing_id, pair.other_id) in stored:
            _rescore(stored[(pair.missing_id, pair.other_id)], pair)
    new = [
        MatchCandidate(
            kind=kind,
            missing_id=pair.missing_id,
            other_id=pair.other_id,
            score=pair.result.score,
            evidence=pair.result.as_dict()["evidence"],
            fingerprint=pair.fingerprint,
        )
        for pair in pairs
        if (pair.missing_id, pair.other_id) not in stored
    ]
    if not new:
        return [stored[(pair.missing_id, pair.other_id)] for pair in pairs]
    try:
        with transaction.atomic():
            bulk_create_with_history(new, MatchCandidate)
    except IntegrityError:
        # The task matching the other report stored one of them meanwhile: one at a time.
        new = [
            _store(kind, pair) for pair in pairs if (pair.missing_id, pair.other_id) not in stored
        ]
    else:
        for candidate in new:
            _announce(candidate.pk)
    for candidate in new:
        stored[(candidate.missing_id, candidate.other_id)] = candidate
    return [stored[(pair.missing_id, pair.other_id)] for pair in pairs]


def _store(kind, pair: _Pair) -> MatchCandidate:
    candidate, created = MatchCandidate.objects.get_or_create(
        missing_id=pair.missing_id,
        other_id=pair.other_id,
        defaults={
            "kind": kind,
            "score": pair.result.score,
            "evidence": pair.result.as_dict()["evidence"],
            "fingerprint": pair.fingerprint,
        },
    )
    if created:
        _announce(candidate.pk)
    else:
        _rescore(candidate, pair)
    return candidate


def _rescore(candidate: MatchCandidate, pair: _Pair) -> None:
    """A pair stored before: a proposed one gets the new score; a withdrawn one is proposed
    again; a rejected one comes back only when the reports changed (a new fingerprint) so that
    the pair is stronger than when it was rejected, and it is announced again, never silently;
    a confirmed or superseded one is left alone."""
    reopened = (
        candidate.status == CandidateStatus.REJECTED
        and candidate.fingerprint != pair.fingerprint
        and pair.result.score > candidate.score
    ) or candidate.status == CandidateStatus.WITHDRAWN
    if candidate.status == CandidateStatus.PROPOSED or reopened:
        candidate.score = pair.result.score
        candidate.evidence = pair.result.as_dict()["evidence"]
        candidate.fingerprint = pair.fingerprint
        candidate.status = CandidateStatus.PROPOSED
        candidate._change_reason = "Reports changed; proposed again" if reopened else "Rescored"
        candidate.save()
    if reopened:
        _announce(candidate.pk)


def _rescore_left_behind(report, target, target_faces, stored: list[MatchCandidate]) -> None:
    """The report's proposed pairs that this run did not store again (it changed, so the
    partner is no longer among its best candidates): each is scored as the two reports stand
    now and kept with its new score while it reaches its threshold, withdrawn when it does not.
    Decided pairs are not touched."""
    left = list(
        MatchCandidate.objects.select_for_update()
        .filter(Q(missing_id=report.pk) | Q(other_id=report.pk), status=CandidateStatus.PROPOSED)
        .exclude(pk__in=[candidate.pk for candidate in stored])
    )
    if not left:
        return
    partner_ids = [_partner_id(candidate, report.pk) for candidate in left]
    rows = {row["id"]: (row, marks) for row, marks in selectors.candidate_rows(partner_ids)}
    faces = selectors.faces_of(partner_ids)
    for candidate, partner_id in zip(left, partner_ids, strict=True):
        partner = record_from_fields(*rows[partner_id])
        pair = _pair_now(
            candidate, report, (target, target_faces), (partner, faces.get(partner_id, []))
        )
        if pair is None:
            candidate.status = CandidateStatus.WITHDRAWN
            candidate._change_reason = "Reports changed; below the threshold"
            candidate.save()
        else:
            _rescore(candidate, pair)


def _partner_id(candidate: MatchCandidate, report_id: int) -> int:
    return candidate.other_id if candidate.missing_id == report_id else candidate.missing_id


def _pair_now(candidate: MatchCandidate, report, this, other) -> _Pair | None:
    """A stored pair scored as its reports stand now, exactly as the proposal that stored it
    would (sides, faces and fingerprint), or None when it no longer reaches its threshold.
    `this` and `other`: (the record without its face, its faces) of the report and its
    partner."""
    (target, target_faces), (partner, partner_faces) = this, other
    if candidate.kind == CandidateKind.REPEAT:
        # The earlier case stands as the missing side without a face, the new one with its
        # first (_propose_repeats).
        if candidate.missing_id == report.pk:
            earlier, new_case = replace(partner, side="missing"), target
        else:
            earlier, new_case = replace(target, face=None, side="missing"), partner
            new_case = replace(new_case, face=partner_faces[0] if partner_faces else None)
        missing, found = read_profile(earlier), read_profile(replace(new_case, side="found"))
        return _scored_pair(candidate, missing, found, None, REPEAT_THRESHOLD)
    # The two faces that lie closest, as _propose and _propose_duplicates compare them.
    ours, theirs = closest_faces(target_faces, partner_faces)
    own = replace(target, face=tuple(ours) if ours is not None else None)
    partner = replace(partner, face=tuple(theirs) if theirs is not None else None)
    if candidate.kind == CandidateKind.DUPLICATE:
        first, second = ordered(*sorted(map(read_profile, (own, partner)), key=_report_id))
        if duplicate_exclusion(first, second) is not None:
            return None
        result = explain_duplicate(first, second, face_distance(own.face, partner.face))
        if result.score < DUPLICATE_THRESHOLD:
            return None
        return _duplicate_pair(report.pk, int(partner.id), first, second, result)
    missing, found = map(read_profile, (own, partner) if report.is_missing else (partner, own))
    distance = face_distance(missing.record.face, found.record.face)
    return _scored_pair(candidate, missing, found, distance, PROPOSAL_THRESHOLD)


def _scored_pair(candidate, missing, found, distance, threshold) -> _Pair | None:
    if exclusion(missing, found) is not None:
        return None
    result = explain_pair(missing, found, distance)
    if result.score < threshold:
        return None
    return _Pair(
        missing_id=candidate.missing_id,
        other_id=candidate.other_id,
        result=result,
        fingerprint=pair_fingerprint(missing.record, found.record),
    )


def _announce(candidate_id: int) -> None:
    # Inside the transaction: receivers record their work with it (apps.outbox).
    match_proposed.send(sender=MatchCandidate, candidate_id=candidate_id)


@transaction.atomic
def confirm_match(request, *, candidate: MatchCandidate) -> MatchCandidate:
    candidate = _lock_for_decision(request.user, candidate)
    if candidate.kind == CandidateKind.DUPLICATE:
        raise ValidationError(_("Two reports of the same child are merged, not matched."))
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
    # Inside the transaction, as match_proposed: receivers record their work with the decision.
    match_confirmed.send(sender=MatchCandidate, candidate_id=candidate.pk)
    return candidate


@transaction.atomic
def merge_duplicates(request, *, candidate: MatchCandidate, keep: int) -> MatchCandidate:
    """A proposed duplicate is the same child reported twice: the report `keep` stays, the
    other is closed as its duplicate (apps.reports.services.close_as_duplicate, which checks
    that the official may change it and locks both reports). The pair is locked first, so of
    two officials deciding it at once the second is told it has been decided."""
    candidate = _lock_for_decision(request.user, candidate)
    if candidate.kind != CandidateKind.DUPLICATE:
        raise ValidationError(_("Only two reports of the same side are merged."))
    reports = {candidate.missing_id: candidate.missing, candidate.other_id: candidate.other}
    if keep not in reports:
        raise ValidationError(_("Choose one of the two reports to keep."))
    primary = reports.pop(keep)
    (duplicate,) = reports.values()
    candidate.status = CandidateStatus.CONFIRMED
    _record_decision(
        request,
        candidate,
        reason=_("Same child: %(duplicate)s closed as a duplicate of %(primary)s")
        % {"duplicate": duplicate.case_number, "primary": primary.case_number},
    )
    report_services.close_as_duplicate(report=duplicate, primary=primary, closed_by=request.user)
    return candidate


def move_matched_reports_along(*, report_id: int, status: str, closure_reason: str, changed_by):
    """A report's child's case ended (restored, or closed for what became of the child): each
    report confirmed as the same child ends the same way, or its owners are asked in their
    queue when `changed_by` may not change it (apps.reports.services.follow_outcome re-checks
    who may, report by report)."""
    because_of = Report.objects.get(pk=report_id)
    for partner in Report.objects.filter(pk__in=selectors.confirmed_partners_of(report_id)):
        report_services.follow_outcome(
            report=partner,
            because_of=because_of,
            status=status,
            closure_reason=closure_reason,
            changed_by=changed_by,
        )


def settle_pairs_of_duplicate(*, report_id: int, primary_id: int, closed_by) -> None:
    """A report was closed as a duplicate (merged here, or on its own page): the proposal that
    it duplicates `primary_id` is answered, and its other proposals go with it (the report kept
    is matched again: see receivers)."""
    between = Q(missing_id=report_id, other_id=primary_id) | Q(
        missing_id=primary_id, other_id=report_id
    )
    for candidate in MatchCandidate.objects.select_for_update().filter(
        between, kind=CandidateKind.DUPLICATE, status=CandidateStatus.PROPOSED
    ):
        candidate.status = CandidateStatus.CONFIRMED
        candidate.decided_by = closed_by
        candidate.decided_at = timezone.now()
        candidate._history_user = closed_by
        candidate._change_reason = _("Closed as a duplicate on the report's page")
        candidate.save()
    for candidate in MatchCandidate.objects.select_for_update().filter(
        Q(missing_id=report_id) | Q(other_id=report_id), status=CandidateStatus.PROPOSED
    ):
        candidate.status = CandidateStatus.SUPERSEDED
        candidate._history_user = closed_by
        candidate._change_reason = _("The report is closed as a duplicate")
        candidate.save()


@transaction.atomic
def reject_match(request, *, candidate: MatchCandidate, reason: str) -> MatchCandidate:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why these are not the same child.")})
    candidate = _lock_for_decision(request.user, candidate)
    candidate.status = CandidateStatus.REJECTED
    _record_decision(request, candidate, reason=reason.strip())
    return candidate


@transaction.atomic
def agree_to_match(request, *, candidate: MatchCandidate, agree: bool = True) -> MatchCandidate:
    """The found side says it believes (or no longer believes) the pair is the same child; the
    missing report's unit still decides."""
    candidate = _lock_for_decision(request.user, candidate, may=selectors.can_agree)
    candidate.agreed_by = request.user if agree else None
    candidate.agreed_at = timezone.now() if agree else None
    candidate._history_user = request.user
    candidate._change_reason = (
        _("The found side agrees") if agree else _("The found side withdrew its agreement")
    )
    candidate.save()
    record_pair_access(
        request,
        candidate,
        action=AccessAction.DECIDE_MATCH,
        detail=f"{candidate._change_reason}: {candidate}",
    )
    return candidate


def _lock_for_decision(user, candidate, *, may=selectors.can_decide) -> MatchCandidate:
    candidate = (
        MatchCandidate.objects.select_for_update()
        .select_related("missing__owning_unit", "other__owning_unit")
        .get(pk=candidate.pk)
    )
    if not may(user, candidate):
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
    """Found children and children citizens saw who may be the child of an unsaved missing
    report (a parent's inquiry), strongest first; nothing is stored."""
    target = child_record(report)
    scored = []
    candidate_ids = _candidate_ids_by_home_and_name(report, blocking_keys(target))
    for fields, marks in selectors.candidate_rows(list(dict.fromkeys(candidate_ids))):
        result = score_pair(target, record_from_fields(fields, marks))
        if result is not None and result.score >= PROPOSAL_THRESHOLD:
            scored.append((fields["id"], result.score))
    scored.sort(key=lambda pair: -pair[1])
    found = Report.objects.select_related("owning_unit").in_bulk([pk for pk, _ in scored])
    return [(found[pk], score) for pk, score in scored[:TOP_CANDIDATES]]


def lookup_keys(report: Report, *, one_slip_away: bool = False) -> list[str]:
    """The keys a parent's inquiry (an unsaved missing report) is kept under and a found child
    or sighting looks inquiries up by, so that a child found later reaches the few inquiries it
    may answer without reading them all: the child's name keys (those likely_found_children
    finds candidates by), the parents' name keys (a child who gives no name may still name a
    parent) and the district, as likely_found_children also reads the district's children.
    With `one_slip_away` (a found child looking inquiries up) also the keys one slip away from
    the child's, as likely_found_children reads those reports too: a name typed with a slip."""
    profile = read_profile(child_record(report))
    return sorted(
        {
            *profile.keys,
            *(slipped_keys(profile.keys) if one_slip_away else ()),
            *(f"{_PARENT_KEY_PREFIX}{key}" for key in profile.parent_keys),
            f"{DISTRICT_KEY_PREFIX}{report.event_district_id}",
        }
    )


def likely_inquiries(found: Report, inquiries: dict) -> list[tuple[object, float]]:
    """Of these unsaved missing reports (parents' inquiries, by any key), those the found child
    or sighting `found` may be, as (key, score), strongest first: scored as
    likely_found_children scores them; nothing is stored."""
    target = read_profile(child_record(found))
    scored = []
    for key, inquiry in inquiries.items():
        result = score_profiles(read_profile(child_record(inquiry)), target, None)
        if result is not None and result.score >= PROPOSAL_THRESHOLD:
            scored.append((key, result.score))
    scored.sort(key=lambda pair: -pair[1])
    return scored
