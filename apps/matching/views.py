from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.audit.models import AccessAction
from apps.core.pagination import paginate
from apps.matching import selectors, services
from apps.matching.forms import MergeForm, QueueFilterForm, RejectForm
from apps.matching.models import CandidateStatus
from apps.reports.selectors import can_search

PAIRS_PER_PAGE = 20


@login_required
def queue(request):
    if not can_search(request.user):
        raise PermissionDenied
    form = QueueFilterForm(request.GET or None)
    shown = form.cleaned_data if form.is_valid() else {}
    pairs = selectors.review_queue_for(
        request.user,
        status=shown.get("status") or CandidateStatus.PROPOSED,
        kind=shown.get("kind", ""),
    )
    page, query_string = paginate(request, pairs, PAIRS_PER_PAGE)
    return render(
        request,
        "matching/queue.html",
        {"form": form, "page": page, "query_string": query_string},
    )


@login_required
def compare(request, pk):
    candidate = selectors.candidate_for(request.user, pk)
    services.record_pair_access(
        request, candidate, action=AccessAction.VIEW_MATCH, detail=str(candidate)
    )
    proposed = candidate.status == CandidateStatus.PROPOSED
    return render(
        request,
        "matching/compare.html",
        {
            "candidate": candidate,
            "reports": [candidate.missing, candidate.other],
            "can_decide": proposed and selectors.can_decide(request.user, candidate),
            "can_agree": proposed and selectors.can_agree(request.user, candidate),
            "merge_choices": selectors.merge_choices(request.user, candidate),
            "show_names": selectors.may_see_names(request.user, candidate),
            "reject_form": RejectForm(),
        },
    )


@require_POST
@login_required
def confirm(request, pk):
    candidate = selectors.candidate_for(request.user, pk)
    try:
        services.confirm_match(request, candidate=candidate)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Confirmed: both reports are now marked as matched."))
    return redirect("matching:compare", pk=pk)


@require_POST
@login_required
def agree(request, pk):
    candidate = selectors.candidate_for(request.user, pk)
    agree = request.POST.get("agree") != "withdraw"
    try:
        services.agree_to_match(request, candidate=candidate, agree=agree)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Your agreement is recorded; the missing child's unit confirms the match.")
            if agree
            else _("Your agreement is withdrawn."),
        )
    return redirect("matching:compare", pk=pk)


@require_POST
@login_required
def merge(request, pk):
    candidate = selectors.candidate_for(request.user, pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the two reports to keep."))
        return redirect("matching:compare", pk=pk)
    try:
        services.merge_duplicates(request, candidate=candidate, keep=form.cleaned_data["keep"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        kept, closed = candidate.missing, candidate.other
        if kept.pk != form.cleaned_data["keep"]:
            kept, closed = closed, kept
        messages.success(
            request,
            _("%(closed)s is closed as a duplicate of %(kept)s, where the case goes on.")
            % {"closed": closed.case_number, "kept": kept.case_number},
        )
    return redirect("matching:compare", pk=pk)


@require_POST
@login_required
def reject(request, pk):
    candidate = selectors.candidate_for(request.user, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why these are not the same child."))
        return redirect("matching:compare", pk=pk)
    try:
        services.reject_match(request, candidate=candidate, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Rejected: this pair will not be proposed again."))
    return redirect("matching:compare", pk=pk)
