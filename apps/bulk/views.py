from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.audit.exports import ExportReasonForm, ask_for_reason, export_stamp, record_export
from apps.bulk import reports, selectors, services, sheets
from apps.bulk.forms import UploadForm
from apps.core.progress import progress_response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ERRORS_SHOWN = 200


def _kinds(request):
    kinds = selectors.upload_kinds_for(request.user)
    if not kinds:
        raise PermissionDenied
    return kinds


def _render_index(request, form):
    return render(
        request,
        "bulk/index.html",
        {
            "form": form,
            "kinds": form.fields["kind"].choices,
            "uploads": selectors.uploads_for(request.user).filter(unit=request.user.unit)[:20],
        },
    )


@login_required
def index(request):
    return _render_index(request, UploadForm(kinds=_kinds(request)))


@login_required
def template(request, kind, file_format):
    selectors.require_upload(request.user, kind)
    columns = sheets.columns_for(kind, official=request.user)
    if file_format == "xlsx":
        content, content_type = sheets.xlsx_template(columns), XLSX
    elif file_format == "csv":
        content, content_type = sheets.csv_template(columns), "text/csv; charset=utf-8"
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="trackchild-{kind}-template.{file_format}"'
    )
    return response


@require_POST
@login_required
def upload(request):
    form = UploadForm(request.POST, request.FILES, kinds=_kinds(request))
    if form.is_valid():
        try:
            stored = services.start_upload(
                file=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                uploaded_by=request.user,
                language=get_language(),
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The file is uploaded and is being processed."))
            return redirect(stored)
    return _render_index(request, form)


@login_required
def status(request, pk):
    stored = selectors.upload_for(request.user, pk)
    return render(
        request,
        "bulk/status.html",
        {"upload": stored, "errors": stored.errors[:ERRORS_SHOWN], "shown": ERRORS_SHOWN},
    )


@login_required
def progress(request, pk):
    """The status page's progress, as JSON for its script: seen by whoever may see the page."""
    return progress_response(selectors.upload_for(request.user, pk).progress)


@login_required
def error_report(request, pk, file_format):
    """Asks the reason (GET), then writes the report (POST with a reason): its values are
    children's particulars."""
    stored = selectors.upload_for(request.user, pk)
    if file_format not in ("xlsx", "csv"):
        raise Http404
    reason_form = ExportReasonForm(request.POST if request.method == "POST" else None)
    if not reason_form.is_valid():
        return ask_for_reason(request, reason_form, title=_("Download the error report"))
    reason = reason_form.cleaned_data["reason"]
    stamp = export_stamp(request.user, reason)
    if file_format == "xlsx":
        content, content_type = reports.errors_xlsx(stored, stamp), XLSX
    else:
        content, content_type = reports.errors_csv(stored, stamp), "text/csv; charset=utf-8"
    record_export(
        request,
        reason=reason,
        rows=len(stored.errors),
        what=f"error report of upload {stored.pk}",
        owner_unit=stored.unit,
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="errors-{stored.pk}.{file_format}"'
    return response
