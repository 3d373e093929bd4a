from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from apps.alerts import selectors


@login_required
def district_digest(request, lgd_code):
    district, digests = selectors.digests_of(request.user, lgd_code)
    return render(
        request, "alerts/district_digest.html", {"district": district, "digests": digests}
    )
