from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.audit.models import AccessAction
from apps.audit.services import client_address, record_access, record_search
from apps.citizens import limits, selectors, services, stop_links, submissions
from apps.citizens.forms import (
    FORM_FOR_KIND,
    CodeForm,
    DeclineForm,
    ModerationForm,
    PlaceForm,
    PublicSearchForm,
    RightsAnswerForm,
    RightsRequestForm,
    TrackForm,
)
from apps.citizens.models import CitizenReportKind, CitizenReportStatus
from apps.core.pagination import paginate
from apps.reports.choices import ReportKind
from apps.reports.models import Report
from apps.reports.pages import new_report_page

PENDING_KEY = "khoya_paya_pending"
CASES_KEY = "khoya_paya_cases"
RESULTS_PER_PAGE = 10


def home(request):
    return render(request, "citizens/home.html", {"search": PublicSearchForm()})


def report(request, kind):
    form_class = FORM_FOR_KIND.get(kind)
    if form_class is None:
        raise Http404
    if "show_districts" in request.GET:  # without scripts: the chosen State/UT's districts
        place = PlaceForm(initial={"state": request.GET.get("state")})
        return render(request, "citizens/place.html", {"place": place, "kind": kind})
    place = PlaceForm(request.GET or None)
    if not place.is_valid():
        return render(request, "citizens/place.html", {"place": place, "kind": kind})
    district = place.cleaned_data["district"]
    token = submissions.token_of(request)
    if request.method == "POST" and (sent := submissions.earlier_result(token)):
        return redirect(sent)  # sent twice: the CAPTCHA is used up, the report is not doubled
    form = form_class(request.POST or None, request.FILES or None, district=district)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            return redirect(submissions.once(token, lambda: _submit(request, form)))
        except limits.RateLimitError as refused:
            refusal = refused.message
    status = 429 if refusal else 200
    context = {
        "form": form,
        "kind": kind,
        "district": district,
        "refusal": refusal,
        "submission_token": token,
    }
    return render(request, "citizens/report_form.html", context, status=status)


def _submit(request, form) -> str:
    citizen_report = services.submit(
        citizen_report=form.save(),
        ip_address=client_address(request),
        photo=form.cleaned_data["photo_upload"],
        language=get_language(),
    )
    request.session[PENDING_KEY] = citizen_report.reference
    return reverse("citizens:verify", args=[citizen_report.reference])


def verify(request, reference):
    """Only the browser that sent the report may confirm it (the code alone is not enough)."""
    if request.session.get(PENDING_KEY) != reference:
        if reference in request.session.get(CASES_KEY, []):  # confirmed by a first click
            return redirect("citizens:case", reference=reference)
        return redirect("citizens:track")
    citizen_report = selectors.pending_report(reference)
    form = CodeForm(request.POST or None)
    token = submissions.token_of(request)
    if request.method == "POST" and "resend" in request.POST:
        try:
            return redirect(submissions.once(token, lambda: _resend_code(request, citizen_report)))
        except limits.RateLimitError as refused:
            messages.error(request, refused.message)
        return redirect("citizens:verify", reference=reference)
    if request.method == "POST" and form.is_valid():
        try:
            confirmed = services.confirm_mobile(
                citizen_report=citizen_report, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            if confirmed:
                _remember_case(request, reference)
                del request.session[PENDING_KEY]
                return redirect("citizens:case", reference=reference)
            form.add_error("code", _("This code is not right. Check the SMS and try again."))
    context = {"form": form, "citizen_report": citizen_report, "submission_token": token}
    return render(request, "citizens/verify.html", context)


def _resend_code(request, citizen_report) -> str:
    services.send_code(
        citizen_report=citizen_report,
        ip_address=client_address(request),
        language=get_language(),
    )
    messages.info(request, _("A new code is on its way."))
    return reverse("citizens:verify", args=[citizen_report.reference])


def _remember_case(request, reference: str) -> None:
    request.session[CASES_KEY] = [*request.session.get(CASES_KEY, []), reference][-20:]


def case(request, reference):
    if reference not in request.session.get(CASES_KEY, []):
        return redirect("citizens:track")
    citizen_report = selectors.tracked_case(reference)
    return render(
        request,
        "citizens/case.html",
        {
            "citizen_report": citizen_report,
            "matched_units": selectors.units_to_contact(citizen_report),
            "stop_path": stop_links.stop_path(reference),
            "family_stop_path": _family_stop_path(citizen_report),
        },
    )


def _family_stop_path(citizen_report) -> str | None:
    """A complaint registered as a missing report: its family's SMS stop here too."""
    if citizen_report.kind != CitizenReportKind.MISSING or citizen_report.report_id is None:
        return None
    return stop_links.family_stop_path(citizen_report.report.case_number)


@require_http_methods(["GET", "POST"])
def stop_search(request, reference, signature):
    """The parent stops the SMS about children found later: asked on the page and done by a
    POST, since SMS apps and link scanners open links by themselves."""
    inquiry = selectors.inquiry_to_stop(reference, signature)
    if request.method == "POST":
        services.stop_searching(inquiry)
        return redirect(request.path)
    return render(request, "citizens/stop_search.html", {"inquiry": inquiry})


@require_http_methods(["GET", "POST"])
def stop_family_sms(request, case_number, token):
    """A family stops the SMS about their missing child's report with the link in one: asked on
    the page and done by a POST (SMS apps and link scanners open links by themselves), in the
    language of their SMS unless they chose another on the site."""
    try:
        report = selectors.report_to_stop(case_number, token)
    except selectors.StopLinkError as refused:
        context = {"error": refused.message}
        return render(request, "citizens/stop_family_sms.html", context, status=refused.status)
    contact = selectors.family_contact(report)
    chose_language = settings.LANGUAGE_COOKIE_NAME in request.COOKIES
    language = contact.language if contact and not chose_language else get_language()
    with translation.override(language):
        if request.method == "POST":
            services.stop_family_sms(report)
            return redirect(request.path)
        context = {
            "case_number": report.case_number,
            "stopped": selectors.family_opted_out(report, contact.mobile if contact else ""),
        }
        return render(request, "citizens/stop_family_sms.html", context)


def track(request):
    address = client_address(request)
    form = TrackForm(request.POST or None, captcha=limits.lookup_needs_captcha(address))
    status = 200
    if request.method == "POST" and form.is_valid():
        status, found = limits.counted_lookup(
            address,
            form,
            selectors.case_for_tracking,
            not_found=_("No report has this reference number and mobile number."),
        )
        if found is not None:
            _remember_case(request, found.reference)
            return redirect("citizens:case", reference=found.reference)
    return render(request, "citizens/track.html", {"form": form}, status=status)


def search(request):
    form = PublicSearchForm(request.GET or None)
    results = Report.objects.none()
    if form.is_valid():
        results = selectors.search_missing_children(**form.cleaned_data)
    page, query_string = paginate(request, results, RESULTS_PER_PAGE)
    if form.is_valid():
        record_search(request, what="Khoya-Paya", filters=form.cleaned_data, page=page)
    return render(
        request, "citizens/search.html", {"form": form, "page": page, "query_string": query_string}
    )


# --- Officials -----------------------------------------------------------------------------


@login_required
def queue(request):
    if not selectors.can_see_citizen_reports(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    unmoderated = request.GET.get("unmoderated") == "1"
    listed = selectors.queue_for(request.user, status=status, kind=kind, unmoderated=unmoderated)
    page, query_string = paginate(request, listed, 25)
    return render(
        request,
        "citizens/queue.html",
        {
            "page": page,
            "query_string": query_string,
            "status": status,
            "kind": kind,
            "kinds": CitizenReportKind.choices,
            "unmoderated": unmoderated,
            "can_moderate": selectors.can_moderate(request.user),
            "statuses": CitizenReportStatus.choices[1:],
        },
    )


@login_required
def detail(request, reference):
    citizen_report = selectors.citizen_report_for(request.user, reference)
    record_access(
        request,
        action=AccessAction.VIEW_RECORD,
        record=citizen_report,
        owner_unit=citizen_report.police_station,
    )
    return render(
        request,
        "citizens/detail.html",
        {
            "citizen_report": citizen_report,
            "can_act": selectors.can_act_on(request.user, citizen_report)
            and citizen_report.kind == CitizenReportKind.MISSING
            and citizen_report.status == CitizenReportStatus.RECEIVED,
            "can_moderate": selectors.can_moderate(request.user),
            "decline_form": DeclineForm(),
            "moderation_form": ModerationForm(initial={"verdict": citizen_report.moderation}),
            "matched_units": selectors.units_to_contact(citizen_report),
        },
    )


@login_required
def photo(request, reference):
    citizen_report = selectors.citizen_report_for(request.user, reference)
    if not citizen_report.photo:
        raise Http404
    record_access(
        request,
        action=AccessAction.VIEW_PHOTO,
        record=citizen_report,
        owner_unit=citizen_report.police_station,
    )
    response = FileResponse(citizen_report.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _actionable(request, reference):
    citizen_report = selectors.citizen_report_for(request.user, reference)
    if not selectors.can_act_on(request.user, citizen_report):
        raise PermissionDenied
    return citizen_report


@login_required
def convert(request, reference):
    """The station registers the FIR: the missing report form comes filled from the complaint."""
    citizen_report = _actionable(request, reference)

    def save(*, report, marks, photos):
        return services.convert_to_missing_report(
            citizen_report=citizen_report,
            report=report,
            filed_by=request.user,
            marks=marks,
            photos=photos,
        )

    return new_report_page(
        request,
        kind=ReportKind.MISSING,
        save=save,
        filed=_("Report %(case)s is filed from the citizen's complaint."),
        initial=selectors.missing_report_initial(citizen_report),
    )


@require_POST
@login_required
def decline(request, reference):
    citizen_report = _actionable(request, reference)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.decline(
                citizen_report=citizen_report,
                declined_by=request.user,
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("The complaint is closed; the citizen can see why."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Say why no report is registered."))
    return redirect("citizens:detail", reference=reference)


@require_POST
@login_required
def moderate(request, reference):
    if not selectors.can_moderate(request.user):
        raise PermissionDenied
    citizen_report = selectors.citizen_report_for(request.user, reference)
    form = ModerationForm(request.POST)
    if form.is_valid():
        services.moderate(
            citizen_report=citizen_report,
            moderated_by=request.user,
            verdict=form.cleaned_data["verdict"],
        )
        messages.success(request, _("The verdict is saved."))
    return redirect("citizens:detail", reference=reference)


# --- Families' data rights -----------------------------------------------------------------

RIGHTS_PENDING_KEY = "khoya_paya_rights_pending"


def my_data(request):
    """A family asks to see, correct or erase their data: the case and their mobile, then the
    code sent to that mobile. A wrong pair is refused without saying which part is wrong."""
    address = client_address(request)
    form = RightsRequestForm(request.POST or None, captcha=limits.lookup_needs_captcha(address))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            limits.count_lookup(address)
            rights_request = services.lodge_rights_request(
                case=form.cleaned_data["case"],
                mobile=form.cleaned_data["mobile"],
                kind=form.cleaned_data["kind"],
                details=form.cleaned_data["details"],
                language=get_language(),
            )
        except limits.RateLimitError as refused:
            form.add_error(None, refused.message)
            status = 429
        except ValidationError as refused:
            form.add_error(None, refused)
            limits.count_failed_lookup(address)
            if limits.lookup_needs_captcha(address):
                form.ask_captcha()
        else:
            request.session[RIGHTS_PENDING_KEY] = rights_request.reference
            return redirect("citizens:my_data_verify", reference=rights_request.reference)
    return render(request, "citizens/my_data.html", {"form": form}, status=status)


def my_data_verify(request, reference):
    """Only the browser that lodged the request confirms it."""
    if request.session.get(RIGHTS_PENDING_KEY) != reference:
        return redirect("citizens:my_data")
    rights_request = selectors.pending_rights_request(reference)
    form = CodeForm(request.POST or None)
    confirmed = rights_request.mobile_verified_at is not None
    if request.method == "POST" and form.is_valid() and not confirmed:
        try:
            confirmed = services.confirm_rights_request(
                rights_request=rights_request, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            if not confirmed:
                form.add_error("code", _("This code is not right. Check the SMS and try again."))
    if confirmed:
        rights_request.refresh_from_db()
    context = {"form": form, "rights_request": rights_request, "confirmed": confirmed}
    return render(request, "citizens/my_data_verify.html", context)


@login_required
def data_requests(request):
    if not selectors.can_see_citizen_reports(request.user):
        raise PermissionDenied
    waiting = selectors.rights_requests_waiting_for(request.user)
    return render(
        request,
        "citizens/data_requests.html",
        {"waiting": waiting, "answer_form": RightsAnswerForm(), "now": timezone.now()},
    )


@require_POST
@login_required
def answer_data_request(request, reference):
    rights_request = selectors.rights_request_for(request.user, reference)
    form = RightsAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_rights_request(
                rights_request=rights_request,
                official=request.user,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("The answer is saved; the family is told by SMS."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("citizens:data_requests")
