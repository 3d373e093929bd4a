"""How far a piece of background work (a bulk upload, a PFIF import) has got, for its page.

The page shows a <progress> bar and a status line (templates/core/_progress.html) that
static/js/progress.js moves by asking the page's JSON twin every few seconds: nothing refreshes
the page itself (a timed refresh fails WCAG, F41). Without JavaScript a "Check progress" link
reloads the page when the user chooses.
"""

from dataclasses import dataclass

from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers


@dataclass(frozen=True)
class Progress:
    status: str
    done: int
    total: int
    finished: bool
    # "3 of 10 rows checked"; empty while nothing has been counted.
    summary: str = ""


def progress_response(progress: Progress) -> JsonResponse:
    """The JSON the page's script polls; never cached, or the bar would stand still."""
    response = JsonResponse(
        {
            "status": str(progress.status),
            "done": progress.done,
            "total": progress.total,
            "finished": progress.finished,
            "summary": str(progress.summary),
        }
    )
    add_never_cache_headers(response)
    return response
