from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from apps.audit import selectors
from apps.audit.flags import thresholds
from apps.audit.forms import AccessLogFilterForm, AccessReviewForm
from apps.core.pagination import paginate

ENTRIES_PER_PAGE = 50


@login_required
def access_log(request):
    if not selectors.can_read_access_log(request.user):
        raise PermissionDenied
    form = AccessLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.access_log_for(
        request.user,
        username=filters.get("username", ""),
        record_label=filters.get("record", ""),
        action=filters.get("action", ""),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page, query_string = paginate(request, entries, ENTRIES_PER_PAGE)
    return render(
        request,
        "audit/access_log.html",
        {"form": form, "page": page, "query_string": query_string},
    )


@login_required
def access_review(request):
    if not selectors.can_read_access_log(request.user):
        raise PermissionDenied
    form = AccessReviewForm(request.GET, every_state=selectors.reviews_every_state(request.user))
    chosen = form.chosen()
    flags = selectors.unusual_use_for(request.user, **chosen) if chosen else []
    return render(
        request,
        "audit/access_review.html",
        {
            "form": form,
            "chosen": chosen,
            "flags": flags,
            "thresholds": thresholds(),
        },
    )
