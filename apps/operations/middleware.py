import logging
import time

from apps.operations import context, metrics

logger = logging.getLogger("trackchild.requests")
UNRESOLVED = "<unresolved>"


class RequestObservationMiddleware:
    """Gives every request an id (logged, returned in X-Request-ID and carried into the tasks
    it starts), logs one line for it and times it for the metrics. First in MIDDLEWARE, so
    redirects and refusals by later middleware are seen too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = context.request_id_from(request.headers.get("X-Request-ID"))
        token = context.bind(request_id=request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            _observe(request, response, time.perf_counter() - started)
        finally:
            context.unbind(token)
        response["X-Request-ID"] = request_id
        return response


def _observe(request, response, seconds):
    view = request.resolver_match.view_name if request.resolver_match else UNRESOLVED
    metrics.observe_request(
        view=view, method=request.method, status=response.status_code, seconds=seconds
    )
    user = getattr(request, "user", None)
    # The path only: query strings carry the names that were searched for.
    logger.info(
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "view": view,
            "duration_ms": round(seconds * 1000, 1),
            "user_id": user.pk if user is not None and user.is_authenticated else None,
        },
    )
