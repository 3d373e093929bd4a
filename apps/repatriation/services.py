"""Recording a repatriation step, with its document."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.care.documents import CleanDocument
from apps.repatriation.choices import STEPS, Step
from apps.repatriation.models import RepatriationDocument, RepatriationStep
from apps.repatriation.selectors import Case, can_repatriate


@transaction.atomic
def record_step(
    *,
    case: Case,
    step: Step,
    done_on,
    reference: str,
    note: str,
    recorded_by,
    document: CleanDocument | None = None,
    document_title: str = "",
) -> RepatriationStep:
    """Record (or correct) one step of the child's repatriation, with a checked document.

    Steps follow each other: each needs the one before, on or before its own date."""
    if not can_repatriate(recorded_by, case):
        raise PermissionDenied
    if not case.is_flagged:
        raise ValidationError(_("This child is not of another country: nothing to repatriate."))
    steps = RepatriationStep.objects.select_for_update().filter(**case.subject)
    _check_order(step, done_on, {Step(row.step): row.done_on for row in steps})
    row, _created = RepatriationStep.objects.update_or_create(
        **case.subject,
        step=step,
        defaults={
            "done_on": done_on,
            "reference": reference,
            "note": note,
            "recorded_by": recorded_by,
        },
    )
    if document is not None:
        _add_document(row, document, title=document_title or step.label, uploaded_by=recorded_by)
    return row


def _check_order(step: Step, done_on, done: dict) -> None:
    position = STEPS.index(step)
    before = STEPS[position - 1] if position else None
    after = STEPS[position + 1] if position + 1 < len(STEPS) else None
    if before is not None and before not in done:
        raise ValidationError(
            _("Record “%(step)s” first.") % {"step": before.label}, code="out_of_order"
        )
    if before is not None and done_on < done[before]:
        raise ValidationError(
            _("This step cannot be done before “%(step)s” (%(date)s).")
            % {"step": before.label, "date": date_format(done[before], "SHORT_DATE_FORMAT")},
            code="before_previous_step",
        )
    if after in done and done_on > done[after]:
        raise ValidationError(
            _("This step cannot be done after “%(step)s” (%(date)s).")
            % {"step": after.label, "date": date_format(done[after], "SHORT_DATE_FORMAT")},
            code="after_next_step",
        )


def _add_document(step: RepatriationStep, clean: CleanDocument, *, title: str, uploaded_by):
    document = RepatriationDocument(
        step=step, title=title, content_type=clean.content_type, uploaded_by=uploaded_by
    )
    document.file.save("document", ContentFile(clean.content), save=False)
    stored_name, storage = document.file.name, document.file.storage
    try:
        document.save()
    except Exception:
        # The file written above must not outlive a record that was never saved.
        storage.delete(stored_name)
        raise
    return document
