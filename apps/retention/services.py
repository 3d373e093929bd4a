"""Applying the retention rules (apps.retention.rules): each rule removes or minimises what is
older than its period, in batches of RETENTION_BATCH_SIZE records taken by primary key, each
batch in its own transaction, so that millions of rows are never loaded or locked at once and a
run cut short keeps what it did and says so (its RuleOutcome counts each committed batch)."""

from collections.abc import Callable

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from apps.audit import partitions
from apps.audit.models import AccessLog
from apps.citizens.models import (
    CitizenReport,
    CitizenReportStatus,
    DataRightsRequest,
    MobileVerification,
)
from apps.grievances.models import Grievance
from apps.matching.models import FaceEncoding
from apps.reports.choices import Status
from apps.reports.models import Report, ReportPhoto
from apps.retention import rules
from apps.retention.models import RetentionRun, RuleOutcome

# A case is closed for good once the child is home or the case is closed; its clock runs from
# the record's last change (a reopened and reclosed case starts again).
CLOSED_STATUSES = (Status.RESTORED, Status.CLOSED)
# What a closed case keeps no longer: how to reach the family and where they live. The
# skeleton (who, when, where in which district, how it ended) stays for statistics and for the
# duty to account for each child.
MINIMISED_FIELDS = (
    "father_phone",
    "mother_phone",
    "guardian_phone",
    "complainant_mobile",
    "permanent_locality",
    "permanent_pin_code",
    "present_locality",
    "present_pin_code",
    "told_home_place",
)


def unverified_complaints(cutoff):
    return CitizenReport.objects.filter(
        status=CitizenReportStatus.UNVERIFIED, created_at__lt=cutoff
    )


def verification_codes(cutoff):
    return MobileVerification.objects.filter(sent_at__lt=cutoff)


def unconfirmed_data_requests(cutoff):
    return DataRightsRequest.objects.filter(mobile_verified_at__isnull=True, created_at__lt=cutoff)


def unconfirmed_grievances(cutoff):
    """Written by a citizen whose code was never typed (officials' are lodged at once)."""
    return Grievance.objects.filter(lodged_at__isnull=True, created_at__lt=cutoff)


def closed_cases_to_minimise(cutoff):
    """Closed cases past the period that still hold a photo, a contact or an address: a case
    already minimised is not selected again."""
    holds_something = Q(photo_count__gt=0) | Q(
        models.Exists(ReportPhoto.objects.filter(report=models.OuterRef("pk")))
    )
    for name in MINIMISED_FIELDS:
        holds_something |= ~Q(**{name: ""})
    return Report.objects.filter(status__in=CLOSED_STATUSES, updated_at__lt=cutoff).filter(
        holds_something
    )


def old_access_log(cutoff):
    return AccessLog.objects.filter(at__lt=cutoff)


def _delete_files_after_commit(storage, names: list[str]) -> None:
    """Files go through the storage API, and only once the rows' deletion is committed, so a
    rollback never leaves a record pointing at a missing file."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


def _file_names(queryset, *fields) -> list[str]:
    return [name for names in queryset.values_list(*fields) for name in names]


def delete_complaints(pks: list[int]) -> int:
    complaints = CitizenReport.objects.filter(pk__in=pks)
    files = _file_names(complaints, "photo", "thumbnail")
    complaints.delete()
    _delete_files_after_commit(CitizenReport._meta.get_field("photo").storage, files)
    return len(pks)


def delete_codes(pks: list[int]) -> int:
    return MobileVerification.objects.filter(pk__in=pks).delete()[0]


def delete_data_requests(pks: list[int]) -> int:
    return DataRightsRequest.objects.filter(pk__in=pks).delete()[0]


def delete_grievances(pks: list[int]) -> int:
    return Grievance.objects.filter(pk__in=pks).delete()[0]


def minimise_cases(pks: list[int]) -> int:
    photos = ReportPhoto.objects.filter(report_id__in=pks)
    files = _file_names(photos, "image", "thumbnail")
    FaceEncoding.objects.filter(report_id__in=pks).delete()
    photos.delete()
    _delete_files_after_commit(ReportPhoto._meta.get_field("image").storage, files)
    # The citizen's complaint the case came from: its photo and the sender's mobile and address.
    complaints = CitizenReport.objects.filter(report_id__in=pks)
    complaint_files = _file_names(complaints, "photo", "thumbnail")
    complaints.update(photo="", thumbnail="", reporter_mobile="", ip_address=None)
    _delete_files_after_commit(CitizenReport._meta.get_field("photo").storage, complaint_files)
    blanks = dict.fromkeys(MINIMISED_FIELDS, "")
    # The change history holds the same contacts: they go from every version.
    Report.history.model.objects.filter(id__in=pks).update(**blanks)
    # A new version: a form opened before is refused rather than saving the contacts back.
    return Report.objects.filter(pk__in=pks).update(
        **blanks, photo_count=0, cover_photo=None, version=F("version") + 1
    )


def delete_access_log(pks: list[int]) -> int:
    return AccessLog.objects.filter(pk__in=pks).delete()[0]


# Rules whose table is partitioned by month: the months wholly past the cutoff go at once, before
# the batches remove the rest.
WHOLE_MONTHS = {rules.ACCESS_LOG: partitions.drop_months_before}

# rule name -> (what it selects older than a cutoff, what it does to one batch of their pks)
RULES: dict[str, tuple[Callable, Callable[[list[int]], int]]] = {
    rules.UNVERIFIED_COMPLAINTS: (unverified_complaints, delete_complaints),
    rules.VERIFICATION_CODES: (verification_codes, delete_codes),
    rules.UNCONFIRMED_DATA_REQUESTS: (unconfirmed_data_requests, delete_data_requests),
    rules.UNCONFIRMED_GRIEVANCES: (unconfirmed_grievances, delete_grievances),
    rules.CLOSED_CASES: (closed_cases_to_minimise, minimise_cases),
    rules.ACCESS_LOG: (old_access_log, delete_access_log),
}


def apply_rule(outcome: RuleOutcome, *, batch_size: int | None = None) -> int:
    """Apply one rule in batches by primary key, each batch one transaction that also adds
    its count to the outcome. Rows another transaction holds are skipped until the next run."""
    select, act = RULES[outcome.rule]
    batch_size = batch_size or settings.RETENTION_BATCH_SIZE
    selection = select(outcome.cutoff).order_by("pk")
    total, last_pk = _drop_whole_months(outcome), 0
    while True:
        with transaction.atomic():
            pks = list(
                selection.filter(pk__gt=last_pk)
                .select_for_update(skip_locked=True, of=("self",))
                .values_list("pk", flat=True)[:batch_size]
            )
            if not pks:
                return total
            done = act(pks)
            RuleOutcome.objects.filter(pk=outcome.pk).update(removed=F("removed") + done)
        total, last_pk = total + done, pks[-1]


def _drop_whole_months(outcome: RuleOutcome) -> int:
    if outcome.rule not in WHOLE_MONTHS:
        return 0
    with transaction.atomic():
        dropped = WHOLE_MONTHS[outcome.rule](outcome.cutoff)
        RuleOutcome.objects.filter(pk=outcome.pk).update(removed=F("removed") + dropped)
    return dropped


def apply_retention(*, started_by: str, now=None) -> RetentionRun:
    """Apply every rule as configured now, and record what each removed."""
    now = now or timezone.now()
    run = RetentionRun.objects.create(started_by=started_by[:50])
    for rule in rules.configured_rules():
        apply_rule(RuleOutcome.objects.create(run=run, rule=rule.name, cutoff=now - rule.keep_for))
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return run


def count_due(*, now=None) -> dict[str, int]:
    """What a run now would remove or minimise, rule by rule; changes nothing (--dry-run)."""
    now = now or timezone.now()
    return {
        rule.name: RULES[rule.name][0](now - rule.keep_for).count()
        for rule in rules.configured_rules()
    }
