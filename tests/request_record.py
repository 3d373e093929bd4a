"""Which named URLs the tests request and what they answer, for tests/refused_side.py.

Installed last in MIDDLEWARE by trackchild.settings_for_tests, so it sees the URL the resolver
chose and the final answer of the view (refusals raised as Http404 or PermissionDenied are
already turned into responses). Requests stopped by an earlier middleware (the two-factor step,
the API's size limit) are not recorded: they refuse everyone alike, not an outsider of a record.
"""

from dataclasses import dataclass

_recording: list | None = None


@dataclass(frozen=True)
class Answer:
    view_name: str
    kwargs: dict
    status_code: int
    location: str
    # An official or an API key; a visitor sent to sign in is no outsider of a jurisdiction.
    signed_in: bool


def start() -> None:
    global _recording
    _recording = []


def stop() -> list[Answer]:
    global _recording
    answers, _recording = _recording or [], None
    return answers


class RecordRequests:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if _recording is not None and match is not None:
            _recording.append(
                Answer(
                    view_name=match.view_name,
                    kwargs=dict(match.kwargs),
                    status_code=response.status_code,
                    location=response.get("Location", ""),
                    # DRF puts the API key's account on the request it wraps, so keys count.
                    signed_in=request.user.is_authenticated,
                )
            )
        return response
