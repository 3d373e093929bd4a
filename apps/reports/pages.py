"""The report form as a page, for every view that files or edits a report.

Reports' own views file and edit reports with it; citizens (a complaint registered as a missing
report) and PFIF (a partner's record completed into a report) file theirs through
`new_report_page`, so the form, its marks and its messages are the same everywhere. Views import
this module, never another app's views.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.reports import selectors
from apps.reports.forms import (
    FORM_FOR_KIND,
    CaseNoteForm,
    ConsentForm,
    MarkFormSet,
    StatusForm,
    WithdrawConsentForm,
    marks_from_formset,
)
from apps.reports.models import Report

REPORT_FORM = "reports/report_form.html"


def new_report_page(request, *, kind, save, filed, initial=None):
    """The form of a new report, prefilled from `initial`; a valid one is handed to
    `save(report=, marks=, photos=)`, which files it. `filed` is the message on success."""
    form = FORM_FOR_KIND[kind](
        request.POST or None,
        request.FILES or None,
        instance=Report(kind=kind),
        official=request.user,
        initial=initial,
    )
    marks = MarkFormSet(request.POST or None, instance=form.instance, prefix="marks")
    if request.method == "POST" and report_and_marks_valid(form, marks):
        try:
            report = save(
                report=form.instance,
                marks=marks_from_formset(marks),
                photos=form.cleaned_data["photos"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, filed % {"case": report.case_number})
            return redirect(report)
    return render_report_form(request, form, marks, kind=kind)


def report_and_marks_valid(form, marks) -> bool:
    """Validate both, so a page with errors shows every one of them at once."""
    form_valid = form.is_valid()
    return marks.is_valid() and form_valid


def render_report_form(request, form, marks, *, kind):
    if form.is_bound and not (form.is_valid() and marks.is_valid()):
        messages.error(
            request,
            _("The report is not saved yet: please correct the fields marked below.")
            + (" " + _("Choose the photos again.") if request.FILES else ""),
        )
    return render(request, REPORT_FORM, report_form_context(form, marks, kind))


def report_form_context(form, marks, kind) -> dict:
    return {"form": form, "marks": marks, "kind": kind, "report": form.instance}


def full_record_context(report: Report) -> dict:
    """What the report page shows besides the summary to an official with full access: the case
    notes, the status and note forms, outcomes waiting, the consents with their forms. The
    report page and the restore check (apps.operations) render it alike."""
    return {
        "notes": selectors.notes_of(report),
        "status_form": StatusForm(
            initial={"status": report.status, "loaded_version": report.version}
        ),
        "note_form": CaseNoteForm(),
        "waiting_outcomes": selectors.waiting_outcomes_of(report),
        "consents": _consents_with_withdrawal_forms(report),
        "consent_form": ConsentForm(),
    }


def _consents_with_withdrawal_forms(report):
    consents = list(selectors.consents_of(report))
    for consent in consents:
        if consent.in_force:
            consent.withdraw_form = WithdrawConsentForm(initial={"purpose": consent.purpose})
    return consents
