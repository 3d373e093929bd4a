"""One-time form tokens: a citizen's form carries a token made when it was shown, and the post
that acts on it records the token in the same transaction (the primary key makes a second record
wait for the first and fail). A second post of the same form, sequential or at the same moment,
is sent to the first one's result instead of filing a second complaint or sending a second SMS."""

import uuid
from collections.abc import Callable
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.citizens.models import FormSubmission

FIELD = "submission_token"
# Long enough to cover a double click, a reload or a resent form from a slow phone.
KEPT_FOR = timedelta(days=1)


def token_of(request) -> uuid.UUID:
    """The token the posted form was shown with, or a new one for a form shown now."""
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return uuid.uuid4()


def earlier_result(token: uuid.UUID) -> str | None:
    """Where the first post of this form led, if it was acted on already."""
    return FormSubmission.objects.filter(token=token).values_list("result_url", flat=True).first()


@transaction.atomic
def once(token: uuid.UUID, act: Callable[[], str]) -> str:
    """Run `act` (which returns the URL of what it made) unless a post with this token was acted
    on; returns that URL either way. When `act` raises, the token is left unused."""
    try:
        with transaction.atomic():
            submission = FormSubmission.objects.create(token=token, result_url="")
    except IntegrityError:
        return earlier_result(token)
    submission.result_url = act()
    submission.save(update_fields=["result_url"])
    FormSubmission.objects.filter(submitted_at__lt=timezone.now() - KEPT_FOR).delete()
    return submission.result_url
