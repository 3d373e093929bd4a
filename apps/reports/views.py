from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.audit.exports import ExportReasonForm, ask_for_reason, export_stamp, record_export
from apps.audit.models import AccessAction
from apps.audit.services import record_access, record_search
from apps.core.pagination import paginate
from apps.core.spreadsheets import BYTE_ORDER_MARK, CsvWriter
from apps.core.versions import EditConflictError, expect_version, render_conflict
from apps.reports import selectors, services
from apps.reports.choices import ReportKind
from apps.reports.forms import (
    FORM_FOR_KIND,
    CaseNoteForm,
    ConsentForm,
    MarkFormSet,
    NationalFeedForm,
    ReportSearchForm,
    StatusForm,
    WithdrawConsentForm,
    marks_from_formset,
)
from apps.reports.limits import MAX_EXPORT_ROWS
from apps.reports.models import Report
from apps.reports.pages import (
    REPORT_FORM,
    full_record_context,
    new_report_page,
    render_report_form,
    report_and_marks_valid,
    report_form_context,
)

RESULTS_PER_PAGE = 25


def _require_search(user):
    if not selectors.can_search(user):
        raise PermissionDenied


@login_required
def search(request):
    _require_search(request.user)
    form = ReportSearchForm(request.GET or None)
    results = Report.objects.none()
    if form.is_valid():
        results = selectors.search_reports(form.criteria())
    elif not form.is_bound:
        results = selectors.search_reports(selectors.SearchCriteria())
    page, query_string = paginate(request, results, RESULTS_PER_PAGE)
    if form.is_valid():
        record_search(request, what="reports", filters=form.cleaned_data, page=page)
    return render(
        request,
        "reports/search.html",
        {
            "form": form,
            "page": page,
            "query_string": query_string,
            "max_counted": selectors.MAX_COUNTED,
            "can_file_missing": selectors.can_file(request.user, ReportKind.MISSING),
            "can_file_found": selectors.can_file(request.user, ReportKind.FOUND),
        },
    )


FEED_PER_PAGE = 20


@login_required
def national_feed(request):
    if not selectors.can_see_national_feed(request.user):
        raise PermissionDenied
    form = NationalFeedForm(request.GET or None)
    reports = selectors.new_missing_children(request.user, form.filters())
    page, query_string = paginate(request, reports, FEED_PER_PAGE)
    if form.is_valid():
        record_search(request, what="new across India", filters=form.cleaned_data, page=page)
    return render(
        request,
        "reports/national_feed.html",
        {
            "form": form,
            "page": page,
            "query_string": query_string,
            "max_counted": selectors.MAX_COUNTED,
        },
    )


@login_required
def export(request):
    """Asks the reason (GET), then writes the CSV of the search (POST with a reason)."""
    _require_search(request.user)
    reason_form = ExportReasonForm(request.POST if request.method == "POST" else None)
    if not reason_form.is_valid():
        return ask_for_reason(request, reason_form, title=_("Export the search to CSV"))
    reason = reason_form.cleaned_data["reason"]
    form = ReportSearchForm(request.GET or None)
    criteria = form.criteria() if form.is_valid() else selectors.SearchCriteria()
    reports = list(selectors.search_reports(criteria)[:MAX_EXPORT_ROWS])
    record_export(request, reason=reason, rows=len(reports), what=request.GET.urlencode())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="trackchild-reports-{stamp}.csv"'
    response.write(BYTE_ORDER_MARK)
    CsvWriter(response).writerow([export_stamp(request.user, reason)])
    _write_summary_csv(response, reports)
    return response


def _write_summary_csv(output, reports):
    """Only the tracing summary crosses jurisdictions, so only the summary is exported."""
    writer = CsvWriter(output)
    writer.writerow(
        [
            _("Case"),
            _("Kind"),
            _("Status"),
            _("Name"),
            _("Name in the local script"),
            _("Sex"),
            _("Age"),
            _("Date"),
            _("State/UT"),
            _("District"),
            _("Locality"),
            _("Identification marks"),
            _("Owning unit"),
            _("Unit phone"),
        ]
    )
    for report in reports:
        writer.writerow(
            [
                report.case_number,
                report.get_kind_display(),
                report.get_status_display(),
                report.full_name,
                report.name_local,
                report.get_sex_display(),
                report.age_label,
                timezone.localtime(report.event_at).strftime("%d/%m/%Y %H:%M"),
                report.event_state.name,
                report.event_district.name,
                report.event_locality,
                report.identification_marks,
                report.owning_unit.name,
                report.owning_unit.phone,
            ]
        )


@login_required
def file_report(request, kind):
    if not selectors.can_file(request.user, kind):
        raise PermissionDenied

    def save(*, report, marks, photos):
        return services.file_report(
            report=report, filed_by=request.user, marks=marks, photos=photos
        )

    return new_report_page(request, kind=kind, save=save, filed=_("Report %(case)s is filed."))


@login_required
def edit_report(request, pk):
    report = selectors.editable_report_for(request.user, pk)
    form = FORM_FOR_KIND[report.kind](
        request.POST or None, request.FILES or None, instance=report, official=request.user
    )
    marks = MarkFormSet(request.POST or None, instance=report, prefix="marks")
    if request.method == "POST" and report_and_marks_valid(form, marks):
        try:
            services.update_report(
                report=form.instance,
                edited_by=request.user,
                reason=form.cleaned_data["reason"],
                marks=marks_from_formset(marks),
                new_photos=form.cleaned_data["photos"],
                removed_photos=list(form.cleaned_data.get("remove_photos") or []),
            )
        except ValidationError as error:
            form.add_error(None, error)
        except EditConflictError as conflict:
            if request.FILES:
                messages.error(request, _("Choose the photos again."))
            return render_conflict(
                request,
                REPORT_FORM,
                report_form_context(form, marks, report.kind),
                form=form,
                conflict=conflict,
            )
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(report)
    return render_report_form(request, form, marks, kind=report.kind)


@login_required
def detail(request, pk):
    report = selectors.report_for(request.user, pk)
    full_access = selectors.has_full_access(request.user, report)
    context = {
        "report": report,
        "full_access": full_access,
        "duplicates": selectors.duplicates_of(report),
    }
    record_access(
        request,
        action=AccessAction.VIEW_RECORD if full_access else AccessAction.VIEW_SUMMARY,
        record=report,
        owner_unit=report.owning_unit,
    )
    if full_access:
        context |= full_record_context(report)
    return render(request, "reports/detail.html", context)


@require_POST
@login_required
def change_status(request, pk):
    report = selectors.editable_report_for(request.user, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(report)
    primary = None
    if form.closes_as_duplicate:
        primary = selectors.report_by_case_number(form.cleaned_data["duplicate_of"])
        if primary is None:
            messages.error(
                request,
                _("No report has the case number %(case)s.")
                % {"case": form.cleaned_data["duplicate_of"]},
            )
            return redirect(report)
    try:
        if primary is not None:
            report = services.close_as_duplicate(
                report=report,
                primary=primary,
                closed_by=request.user,
                note=form.cleaned_data["note"],
            )
        else:
            if form.cleaned_data["loaded_version"] is not None:
                expect_version(report, form.cleaned_data["loaded_version"])
            services.change_status(
                report=report,
                changed_by=request.user,
                status=form.cleaned_data["status"],
                closure_reason=form.cleaned_data["closure_reason"],
                note=form.cleaned_data["note"],
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except EditConflictError as conflict:
        messages.error(
            request,
            _(
                "Not saved: someone else changed this report after you opened it; its status "
                "is now %(status)s. Check it and choose again."
            )
            % {"status": conflict.current.get_status_display()},
        )
    else:
        messages.success(
            request, _("The status is now: %(status)s.") % {"status": report.get_status_display()}
        )
    return redirect(report)


@login_required
def outcome_requests(request):
    """The reports of the official's jurisdiction whose child's case ended under the matched
    report, each moved along with one click."""
    _require_search(request.user)
    page, query_string = paginate(request, selectors.outcome_requests_for(request.user), 25)
    return render(
        request, "reports/outcome_requests.html", {"page": page, "query_string": query_string}
    )


@require_POST
@login_required
def act_on_outcome_request(request, pk):
    waiting = selectors.outcome_request_for(request.user, pk)
    try:
        report = services.act_on_outcome_request(request=waiting, acted_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:outcome_requests")
    messages.success(
        request,
        _("%(case)s is now: %(status)s.")
        % {"case": report.case_number, "status": report.get_status_display()},
    )
    return redirect(report)


@require_POST
@login_required
def add_note(request, pk):
    report = selectors.editable_report_for(request.user, pk)
    form = CaseNoteForm(request.POST)
    if form.is_valid():
        services.add_case_note(
            report=report, written_by=request.user, text=form.cleaned_data["text"]
        )
        messages.success(request, _("The note is added."))
    else:
        messages.error(request, _("Write the note before adding it."))
    return redirect(report)


@require_POST
@login_required
def record_consent(request, pk):
    report = selectors.editable_report_for(request.user, pk)
    form = ConsentForm(request.POST)
    if form.is_valid():
        services.record_consent(report=report, recorded_by=request.user, **form.cleaned_data)
        messages.success(request, _("The consent is recorded."))
    else:
        _show_errors(request, form)
    return redirect(report)


@require_POST
@login_required
def withdraw_consent(request, pk):
    report = selectors.editable_report_for(request.user, pk)
    form = WithdrawConsentForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw_consent(
                report=report,
                purpose=form.cleaned_data["purpose"],
                withdrawn_by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The consent is withdrawn, from now on."))
    else:
        _show_errors(request, form)
    return redirect(report)


def _show_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@login_required
def history(request, pk):
    report = selectors.editable_report_for(request.user, pk)
    record_access(
        request, action=AccessAction.VIEW_HISTORY, record=report, owner_unit=report.owning_unit
    )
    return render(
        request,
        "reports/history.html",
        {"report": report, "changes": _changes(selectors.history_of(report))},
    )


def _changes(records):
    """Each history row with the fields it changed, newest first."""
    records = list(records)
    changes = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        fields = []
        if older is not None:
            delta = newer.diff_against(older)
            fields = [
                (Report._meta.get_field(change.field).verbose_name, change.old, change.new)
                for change in delta.changes
            ]
        changes.append({"record": newer, "fields": fields})
    return changes


def notice(request, pk):
    """The printable notice: the public may open it only when publication is allowed."""
    if selectors.can_search(request.user):
        report = selectors.report_for(request.user, pk)
    else:
        report = selectors.public_report(pk)
    contact = selectors.contact_for(report, public=True)
    record_access(
        request, action=AccessAction.VIEW_NOTICE, record=report, owner_unit=report.owning_unit
    )
    return render(request, "reports/notice.html", {"report": report, "contact": contact})


def photo(request, public_id, *, thumbnail=False):
    picture = selectors.photo_for(request.user, public_id)
    stored = picture.thumbnail if thumbnail else picture.image
    record_access(
        request,
        action=AccessAction.VIEW_PHOTO,
        record=picture.report,
        owner_unit=picture.report.owning_unit,
        detail=f"{'thumbnail' if thumbnail else 'photo'} {picture.public_id}",
    )
    response = FileResponse(stored.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response
