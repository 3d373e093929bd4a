from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.audit.exports import export_stamp, record_export, stamp_xml
from apps.audit.models import AccessAction
from apps.audit.services import record_access
from apps.core.days import start_of
from apps.core.pagination import paginate
from apps.core.progress import progress_response
from apps.pfif import selectors, services
from apps.pfif.forms import (
    DuplicateForm,
    ExportForm,
    ImportForm,
    QueueFilterForm,
    RejectForm,
)
from apps.pfif.mapping import report_fields
from apps.pfif.models import ReviewStatus
from apps.reports.limits import MAX_EXPORT_ROWS
from apps.reports.models import Report
from apps.reports.pages import new_report_page
from apps.reports.selectors import has_full_access

PERSONS_PER_PAGE = 25


def _require_exchange(request):
    if not selectors.can_exchange_pfif(request.user):
        raise PermissionDenied


@login_required
def exchange(request):
    _require_exchange(request)
    return render(
        request,
        "pfif/exchange.html",
        {
            # A repatriation page links here with its child's country chosen.
            "export_form": ExportForm(initial={"country": request.GET.get("country", "")}),
            "import_form": ImportForm(),
        },
    )


@login_required
def export(request):
    """The web export is for sending to partners, so it keeps to publication consent. It is
    posted from the exchange page with a reason, or refused there."""
    _require_exchange(request)
    form = ExportForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        return render(
            request,
            "pfif/exchange.html",
            {"export_form": form, "import_form": ImportForm()},
            status=400 if form.is_bound else 200,
        )
    choice, since = form.cleaned_data, form.cleaned_data["since"]
    reports = selectors.exportable_reports(
        request.user,
        kind=choice["kind"],
        since=start_of(since) if since else None,
        country=choice["country"],
    )[:MAX_EXPORT_ROWS]
    document = services.export_reports(reports, full_read=False)
    record_export(
        request,
        reason=choice["reason"],
        rows=document.count(b"<pfif:person>"),
        what=f"PFIF: kind={choice['kind']} country={choice['country']} since={since or ''}",
    )
    document = stamp_xml(document, export_stamp(request.user, choice["reason"]))
    response = HttpResponse(document, content_type="application/pfif+xml; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="trackchild-pfif-{stamp}.xml"'
    return response


# A file over the limit never gets here: apps.core.uploads stops reading it at
# UPLOAD_MAX_FILE_BYTES (the PFIF limit) and answers 413 before the form is parsed.
@login_required
def import_file(request):
    _require_exchange(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            received = services.receive_pfif(
                form.cleaned_data["file"],
                received_by=request.user,
                source_name=form.cleaned_data["source_name"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect(received)
    return render(request, "pfif/import.html", {"form": form})


@login_required
def import_status(request, pk):
    received = selectors.received_file_for(request.user, pk)
    return render(request, "pfif/import_status.html", {"received": received})


@login_required
def import_progress(request, pk):
    """The import page's progress, as JSON for its script: seen by whoever may see the page."""
    return progress_response(selectors.received_file_for(request.user, pk).progress)


@login_required
def queue(request):
    form = QueueFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    persons = selectors.review_queue_for(request.user, status=status or ReviewStatus.PENDING)
    page, query_string = paginate(request, persons, PERSONS_PER_PAGE)
    return render(
        request, "pfif/queue.html", {"form": form, "page": page, "query_string": query_string}
    )


@login_required
def person(request, pk):
    imported = selectors.imported_person_for(request.user, pk)
    record_access(
        request,
        action=AccessAction.VIEW_RECORD,
        record=imported,
        owner_unit=imported.received_file.unit,
    )
    reports = selectors.reports_by_pk([pk for pk, _score in imported.likely_duplicates])
    return render(
        request,
        "pfif/person.html",
        {
            "imported": imported,
            "pfif": services.stored_person(imported),
            "duplicates": [
                (reports[pk], score) for pk, score in imported.likely_duplicates if pk in reports
            ],
            "duplicate_form": DuplicateForm(),
            "reject_form": RejectForm(),
        },
    )


@login_required
def accept(request, pk):
    """The official completes the partner's record into a report of their own unit."""
    imported = selectors.imported_person_for(request.user, pk)

    def save(*, report, marks, photos):
        return services.accept_person(
            person=imported, report=report, accepted_by=request.user, marks=marks, photos=photos
        )

    return new_report_page(
        request,
        kind=imported.kind,
        save=save,
        filed=_("Report %(case)s is filed."),
        initial=_initial(imported),
    )


def _initial(imported) -> dict:
    fields = report_fields(services.stored_person(imported))
    fields["age"] = fields["age_min"]
    return {name: value for name, value in fields.items() if value not in (None, "")}


@require_POST
@login_required
def duplicate(request, pk):
    imported = selectors.imported_person_for(request.user, pk)
    form = DuplicateForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["case_number"]))
        return redirect(imported)
    report = get_object_or_404(
        Report.objects.select_related("owning_unit"), pk=form.cleaned_data["case_number"]
    )
    if not has_full_access(request.user, report):
        messages.error(
            request,
            _(
                "%(case)s belongs to %(unit)s, outside your jurisdiction: tell them of this "
                "record, or reject it with the case number as the reason."
            )
            % {"case": report.case_number, "unit": report.owning_unit},
        )
        return redirect(imported)
    try:
        services.mark_duplicate(person=imported, report=report, decided_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Marked as the same child as %(case)s.") % {"case": report.case_number},
        )
    return redirect(imported)


@require_POST
@login_required
def reject(request, pk):
    imported = selectors.imported_person_for(request.user, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the record is rejected."))
        return redirect(imported)
    try:
        services.reject_person(
            person=imported, decided_by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The record is rejected."))
    return redirect(imported)
