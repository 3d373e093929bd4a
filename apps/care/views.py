from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.audit.models import AccessAction
from apps.audit.services import record_access, record_search
from apps.care import selectors, services
from apps.care.forms import (
    AdmissionForm,
    CarePlanForm,
    DecisionNoteForm,
    DocumentForm,
    FollowUpForm,
    HomeInvestigationForm,
    LeaveCareForm,
    OrderForm,
    ProgressReportForm,
    RestorationForm,
    RunawayForm,
    StateChoiceForm,
    TransferForm,
)
from apps.care.models import CareDocument, CareOrder, CarePlan, ChildInCare
from apps.core.downloads import private_download
from apps.core.pagination import paginate
from apps.core.versions import EditConflictError, render_conflict

CHILDREN_PER_PAGE = 25


@login_required
def children(request):
    if not selectors.can_see_children_in_care(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "in_care")
    name = request.GET.get("name", "")
    due = request.GET.get("due", "")
    if due in selectors.DUE_LISTS:
        listed = selectors.DUE_LISTS[due](request.user)
    else:
        due, listed = "", selectors.children_in_care_for(request.user, status=status, name=name)
    page, query_string = paginate(request, listed, CHILDREN_PER_PAGE)
    if not due and request.GET.keys() & {"status", "name"}:
        filters = {"status": status, "name": name}
        record_search(request, what="children in care", filters=filters, page=page)
    unit = request.user.unit
    return render(
        request,
        "care/children.html",
        {
            "page": page,
            "query_string": query_string,
            "status": status,
            "name": name,
            "due": due,
            "can_admit": selectors.can_admit(request.user),
            "incoming": selectors.incoming_transfers_for(request.user),
            "discharges": selectors.discharge_requests_for(request.user),
            "transferred_out": selectors.transferred_out_of(unit) if unit.is_cci else [],
        },
    )


@login_required
def start_admission(request):
    """The institution names the found report; a child without one is reported found first."""
    if not selectors.can_admit(request.user):
        raise PermissionDenied
    case = request.GET.get("case", "").strip().upper().removeprefix("F-").lstrip("0")
    error = ""
    if case:
        if case.isdigit():
            return redirect("care:admit", report_pk=int(case))
        error = _("Type the found report's case number, for example F-0000123.")
    waiting, query_string = paginate(
        request, selectors.placed_here_not_admitted(request.user), CHILDREN_PER_PAGE
    )
    context = {"error": error, "page": waiting, "query_string": query_string}
    return render(request, "care/start_admission.html", context)


@login_required
def admit(request, report_pk):
    if not selectors.can_admit(request.user):
        raise PermissionDenied
    report = selectors.admittable_report(request.user, report_pk)
    institution = request.user.unit
    form = AdmissionForm(
        request.POST or None,
        instance=ChildInCare(report=report, nationality=report.nationality),
        institution=institution,
    )
    if request.method == "POST" and form.is_valid():
        try:
            child = services.admit_child(child=form.instance, admitted_by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is admitted.") % {"name": report.display_name})
            return redirect(child)
    record_access(
        request, action=AccessAction.VIEW_SUMMARY, record=report, owner_unit=report.owning_unit
    )
    return render(request, "care/admit.html", {"form": form, "report": report})


@login_required
def detail(request, pk):
    child, access = selectors.child_for(request.user, pk)
    record_access(
        request, action=AccessAction.VIEW_RECORD, record=child, owner_unit=child.institution
    )

    def visible(entries):
        return selectors.entries_visible(
            entries.select_related("written_by", "institution"), access
        )

    return render(
        request,
        "care/detail.html",
        {
            "child": child,
            "report": child.report,
            "access": access,
            "orders": visible(child.orders.all()).select_related("deciding_body"),
            "plans": visible(child.care_plans.all()),
            "progress_reports": visible(child.progress_reports.all()),
            "investigations": visible(child.home_investigations.all()),
            "follow_ups": visible(child.follow_ups.all()),
            "documents": visible(child.documents.all()),
            "transfers": child.transfers.select_related("from_institution", "to_institution")
            if access.read_all
            else [],
            "discharges": selectors.waiting_discharges_of(child) if access.read_all else [],
        },
    )


ENTRY_FORM = "care/entry_form.html"


@dataclass(frozen=True)
class EntryPage:
    title: str
    form_class: type
    allowed: Callable  # (CareAccess, ChildInCare) -> bool
    save: Callable  # (form, child, user) -> the saved entry
    saved_message: str


def _save_plan(form, child, user):
    return services.write_care_plan(plan=form.instance, child=child, written_by=user)


def _save_document(form, child, user):
    document = form.cleaned_data["upload"]
    return services.add_document(
        document=form.instance,
        child=child,
        uploaded_by=user,
        content=document.content,
        content_type=document.content_type,
    )


ENTRY_PAGES = {
    "order": EntryPage(
        gettext_lazy("Record a CWC / JJB order"),
        OrderForm,
        lambda access, child: access.record_orders,
        lambda form, child, user: services.record_order(
            order=form.instance, child=child, recorded_by=user
        ),
        gettext_lazy("The order is recorded."),
    ),
    "plan": EntryPage(
        gettext_lazy("Individual Care Plan"),
        CarePlanForm,
        lambda access, child: access.write_entries and child.is_in_care,
        _save_plan,
        gettext_lazy("The care plan is saved as a new version."),
    ),
    "progress": EntryPage(
        gettext_lazy("Progress report"),
        ProgressReportForm,
        lambda access, child: access.write_entries and child.is_in_care,
        lambda form, child, user: services.file_progress_report(
            progress=form.instance, child=child, written_by=user
        ),
        gettext_lazy("The progress report is filed."),
    ),
    "investigation": EntryPage(
        gettext_lazy("Home investigation report"),
        HomeInvestigationForm,
        lambda access, child: access.write_entries,
        lambda form, child, user: services.file_home_investigation(
            investigation=form.instance, child=child, written_by=user
        ),
        gettext_lazy("The home investigation report is filed."),
    ),
    "follow-up": EntryPage(
        gettext_lazy("Follow-up visit after restoration"),
        FollowUpForm,
        lambda access, child: access.write_entries and child.status == "restored",
        lambda form, child, user: services.record_follow_up(
            visit=form.instance, child=child, written_by=user
        ),
        gettext_lazy("The follow-up visit is recorded."),
    ),
    "document": EntryPage(
        gettext_lazy("Add a document"),
        DocumentForm,
        lambda access, child: access.write_entries or access.record_orders,
        _save_document,
        gettext_lazy("The document is added."),
    ),
}


@login_required
def add_entry(request, pk, kind):
    page = ENTRY_PAGES.get(kind)
    if page is None:
        raise Http404
    child, access = selectors.child_for(request.user, pk)
    if not page.allowed(access, child):
        raise PermissionDenied
    form = page.form_class(
        request.POST or None, request.FILES or None, instance=_starting_point(kind, child)
    )
    if request.method == "POST" and form.is_valid():
        try:
            page.save(form, child, request.user)
        except ValidationError as error:
            form.add_error(None, error)
        except EditConflictError as conflict:
            context = {"child": child, "title": page.title}
            return render_conflict(request, ENTRY_FORM, context, form=form, conflict=conflict)
        else:
            messages.success(request, str(page.saved_message))
            return redirect(child)
    return _entry_form(request, child, form, page.title)


def _starting_point(kind, child):
    """A new care plan starts from the latest version, so a revision changes only what changed."""
    if kind != "plan":
        return None
    latest = child.care_plans.first()
    if latest is None:
        return CarePlan()
    latest.pk = latest.id = None
    return latest


def _entry_form(request, child, form, title, *, extra=None):
    if form.is_bound and form.errors:
        messages.error(
            request,
            _("Nothing is saved yet: please correct the fields marked below.")
            + (" " + _("Choose the file again.") if request.FILES else ""),
        )
    context = {"child": child, "form": form, "title": title} | (extra or {})
    return render(request, ENTRY_FORM, context)


@login_required
def care_plan(request, pk, version):
    child, access = selectors.child_for(request.user, pk)
    plans = selectors.entries_visible(child.care_plans.select_related("written_by"), access)
    plan = get_object_or_404(plans, version=version)
    record_access(
        request,
        action=AccessAction.VIEW_RECORD,
        record=child,
        owner_unit=child.institution,
        detail=f"care plan version {version}",
    )
    return render(request, "care/care_plan.html", {"child": child, "plan": plan})


@login_required
def document(request, public_id):
    stored = get_object_or_404(CareDocument, public_id=public_id)
    child, access = selectors.child_for(request.user, stored.child_id)
    if not selectors.entries_visible(child.documents.filter(pk=stored.pk), access).exists():
        raise PermissionDenied
    record_access(
        request,
        action=AccessAction.VIEW_RECORD,
        record=child,
        owner_unit=child.institution,
        detail=f"document: {stored.title}"[:300],
    )
    return private_download(
        stored.file,
        content_type=stored.content_type,
        filename=f"{child.case_number}-{stored.pk}.{stored.extension}",
    )


def _managed_child(user, pk):
    child, access = selectors.child_for(user, pk)
    if not (access.manage_stay and child.is_in_care):
        raise PermissionDenied
    return child


@login_required
def transfer(request, pk):
    child = _managed_child(request.user, pk)
    state_form = StateChoiceForm(request.GET or None)
    institutions = selectors.receiving_institutions(child)
    state = state_form.cleaned_data["state"] if state_form.is_valid() else None
    institutions = institutions.filter(state=state) if state else institutions.none()
    form = TransferForm(request.POST or None, institutions=institutions)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_transfer(
                transfer=form.instance, child=child, requested_by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The transfer waits for %(institution)s to accept the child.")
                % {"institution": form.instance.to_institution},
            )
            return redirect(child)
    return _entry_form(
        request,
        child,
        form,
        _("Transfer to another institution"),
        extra={"state_form": state_form, "state": state},
    )


@login_required
def incoming_transfer(request, transfer_pk):
    pending = selectors.incoming_transfer_for(request.user, transfer_pk)
    form = DecisionNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if request.POST.get("decision") == "accept":
                child = services.accept_transfer(
                    transfer=pending, accepted_by=request.user, note=note
                )
                messages.success(request, _("The child is now in your institution's care."))
                return redirect(child)
            services.decline_transfer(transfer=pending, declined_by=request.user, note=note)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The transfer is declined."))
            return redirect("care:children")
    record_access(
        request,
        action=AccessAction.VIEW_SUMMARY,
        record=pending.child,
        owner_unit=pending.from_institution,
    )
    return render(
        request,
        "care/incoming_transfer.html",
        {"transfer": pending, "report": pending.child.report, "form": form},
    )


@login_required
def restore(request, pk):
    child = _managed_child(request.user, pk)
    form = RestorationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        order = CareOrder(
            number=data["order_number"], order_date=data["order_date"], details=data["restored_to"]
        )
        try:
            services.restore_to_family(
                child=child,
                restored_by=request.user,
                order=order,
                restored_on=data["restored_on"],
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The child is restored to the family."))
            return redirect(child)
    return _entry_form(request, child, form, _("Restore to family"))


@require_POST
@login_required
def act_on_discharge_request(request, pk):
    waiting = selectors.discharge_request_for(request.user, pk)
    try:
        child = services.act_on_discharge_request(request=waiting, acted_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("care:children")
    messages.success(
        request,
        _("%(case)s is now: %(status)s.")
        % {"case": child.case_number, "status": child.get_status_display()},
    )
    return redirect(child)


@login_required
def leave(request, pk):
    child = _managed_child(request.user, pk)
    form = LeaveCareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.leave_care(child=child, recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Leaving care is recorded."))
            return redirect(child)
    return _entry_form(request, child, form, _("Leaving care"))


@login_required
def runaway(request, pk):
    child = _managed_child(request.user, pk)
    form = RunawayForm(request.POST or None, police_stations=selectors.police_stations_near(child))
    if request.method == "POST" and form.is_valid():
        missing = services.record_running_away(
            child=child, recorded_by=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            _("Missing report %(case)s is filed for %(station)s and is being matched.")
            % {"case": missing.case_number, "station": missing.owning_unit},
        )
        return redirect(child)
    return _entry_form(request, child, form, _("The child ran away"))
