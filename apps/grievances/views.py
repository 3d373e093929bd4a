from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.audit.models import AccessAction
from apps.audit.services import client_address, record_access
from apps.citizens import limits, submissions
from apps.citizens.forms import CodeForm, TrackForm
from apps.core.pagination import paginate
from apps.grievances import selectors, services
from apps.grievances.forms import AnswerForm, CitizenGrievanceForm, GrievanceForm

PENDING_KEY = "grievance_pending"
PER_PAGE = 25


# --- Whoever lodges one ----------------------------------------------------------------------


def lodge(request):
    """Officials lodge signed in; anyone else on Khoya-Paya, with the CAPTCHA and a code."""
    if selectors.can_see_grievances(request.user):
        return _lodge_as_official(request)
    token = submissions.token_of(request)
    if request.method == "POST" and (sent := submissions.earlier_result(token)):
        return redirect(sent)  # sent twice: one grievance, one code
    form = CitizenGrievanceForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            return redirect(submissions.once(token, lambda: _lodge_as_citizen(request, form)))
        except limits.RateLimitError as refused:
            form.add_error(None, refused.message)
            status = 429
        except ValidationError as refused:
            form.add_error(None, refused)
    context = {
        "form": form,
        "submission_token": token,
        "answer_days": settings.GRIEVANCE_ANSWER_DAYS,
    }
    return render(request, "grievances/lodge.html", context, status=status)


def _lodge_as_citizen(request, form) -> str:
    grievance = services.lodge_as_citizen(
        about=form.about(),
        text=form.cleaned_data["text"],
        name=form.cleaned_data["name"],
        mobile=form.cleaned_data["mobile"],
        language=get_language(),
    )
    request.session[PENDING_KEY] = grievance.reference
    return reverse("grievances:confirm", args=[grievance.reference])


def _lodge_as_official(request):
    form = GrievanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grievance = services.lodge_as_official(
                official=request.user, about=form.about(), text=form.cleaned_data["text"]
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request,
                _("Your grievance %(reference)s is lodged.") % {"reference": grievance.reference},
            )
            return redirect(grievance)
    return render(request, "grievances/lodge_official.html", {"form": form})


def confirm(request, reference):
    """Only the browser that wrote the grievance confirms it (the code alone is not enough)."""
    if request.session.get(PENDING_KEY) != reference:
        return redirect("grievances:track")
    grievance = selectors.pending_grievance(reference)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and "resend" in request.POST:
        try:
            services.send_new_code(grievance)
            messages.info(request, _("A new code is on its way."))
        except limits.RateLimitError as refused:
            messages.error(request, refused.message)
        return redirect("grievances:confirm", reference=reference)
    confirmed = grievance.lodged_at is not None
    if request.method == "POST" and form.is_valid() and not confirmed:
        try:
            confirmed = services.confirm_mobile(grievance=grievance, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            if not confirmed:
                form.add_error("code", _("This code is not right. Check the SMS and try again."))
    context = {"form": form, "grievance": grievance, "confirmed": confirmed}
    if confirmed:
        grievance.refresh_from_db()
        context["answerer"] = selectors.public_answerer(grievance)
    return render(request, "grievances/confirm.html", context)


def track(request):
    """By reference and mobile number, counted like every Khoya-Paya look-up."""
    address = client_address(request)
    form = TrackForm(request.POST or None, captcha=limits.lookup_needs_captcha(address))
    status, grievance = 200, None
    if request.method == "POST" and form.is_valid():
        status, grievance = limits.counted_lookup(
            address,
            form,
            selectors.grievance_for_tracking,
            not_found=_("No grievance has this reference and mobile number."),
        )
    context = {"form": form, "grievance": grievance}
    if grievance is not None:
        context["answerer"] = selectors.public_answerer(grievance)
    return render(request, "grievances/track.html", context, status=status)


# --- Officials -------------------------------------------------------------------------------


@login_required
def queue(request):
    if not selectors.can_see_grievances(request.user):
        raise PermissionDenied
    answered = request.GET.get("answered") == "1"
    grievances = selectors.grievances_for(request.user, waiting=not answered)
    if answered:
        grievances = grievances.filter(answered_at__isnull=False).order_by("-answered_at")
    page, query_string = paginate(request, grievances, PER_PAGE)
    context = {"page": page, "query_string": query_string, "answered": answered}
    context["now"] = timezone.now()
    return render(request, "grievances/queue.html", context)


@login_required
def detail(request, reference):
    grievance = selectors.grievance_for(request.user, reference)
    # It names who lodged it and their mobile, often a child's case: read like a record.
    record_access(
        request,
        action=AccessAction.VIEW_RECORD,
        record=grievance,
        owner_unit=grievance.answering_unit,
    )
    context = {
        "grievance": grievance,
        "form": AnswerForm(),
        "can_answer": selectors.can_answer(request.user, grievance),
        "now": timezone.now(),
    }
    return render(request, "grievances/detail.html", context)


@require_POST
@login_required
def answer(request, reference):
    grievance = selectors.grievance_for(request.user, reference)
    if not grievance.is_answered and not selectors.can_answer(request.user, grievance):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer(
                grievance=grievance, official=request.user, text=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The answer is saved; whoever lodged it is told."))
            return redirect(grievance)
    context = {"grievance": grievance, "form": form, "can_answer": True, "now": timezone.now()}
    return render(request, "grievances/detail.html", context, status=400)
