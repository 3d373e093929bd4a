"""Reading from a streaming read replica (docs/scaling.md), when DATABASE_REPLICA_URL names one.

Nothing goes to the replica by itself: the reads that may be a few seconds old, and cost the
most under load (searches, dashboards, exports), ask for `replica_alias()` with
`.using(replica_alias())`. Everything else reads the primary: sign-in, sessions, record pages,
matching decisions and every write, as well as migrations.

`replica_alias()` answers "default" rather than the replica when the answer must be fresh:
- no replica is configured;
- inside a transaction on the primary (a service reading what it is about to change);
- later in a request that has written to the primary;
- in a request whose browser wrote less than DATABASE_REPLICA_FRESH_SECONDS ago
  (ReadYourWritesMiddleware's cookie): who has just filed a report finds it in the search.
"""

import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
POOL = frozenset({DEFAULT_DB_ALIAS, REPLICA})
# Holds when the browser last wrote (seconds since the epoch). Forging it only sends its own
# reads to the primary.
FRESH_COOKIE = "tc_wrote_at"
WRITES = ("INSERT", "UPDATE", "DELETE", "MERGE")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


@dataclass
class _Request:
    wrote_lately: bool  # the browser wrote within the fresh window, in an earlier request
    wrote: bool = False  # this request has written to the primary


_request: ContextVar[_Request | None] = ContextVar("replica_request", default=None)


def replica_alias() -> str:
    """The database alias a search, dashboard or export reads with `.using()`."""
    if REPLICA not in settings.DATABASES or connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    request = _request.get()
    if request is not None and (request.wrote_lately or request.wrote):
        return DEFAULT_DB_ALIAS
    return REPLICA


class PrimaryReplicaRouter:
    """Writes and migrations go to the primary. Reads are not routed here: a queryset reads
    where `.using()` sends it, the primary by default, and an object's related objects are read
    where the object was read."""

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: a unit read there may be given to a new record.
        return obj1._state.db in POOL and obj2._state.db in POOL

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReadYourWritesMiddleware:
    """Notes the writes of each request to the primary. After a request that changed something
    (POST, PUT, PATCH, DELETE) and wrote, the browser gets a cookie that keeps its searches,
    dashboards and exports on the primary for DATABASE_REPLICA_FRESH_SECONDS: longer than the
    replica lags behind in normal running (docs/scaling.md)."""

    def __init__(self, get_response):
        if REPLICA not in settings.DATABASES:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        state = _Request(wrote_lately=_wrote_lately(request))
        token = _request.set(state)
        try:
            with connections[DEFAULT_DB_ALIAS].execute_wrapper(_noting_writes(state)):
                response = self.get_response(request)
        finally:
            _request.reset(token)
        if state.wrote and request.method not in SAFE_METHODS:
            response.set_cookie(
                FRESH_COOKIE,
                str(int(time.time())),
                max_age=settings.DATABASE_REPLICA_FRESH_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


def _wrote_lately(request) -> bool:
    try:
        wrote_at = int(request.COOKIES.get(FRESH_COOKIE, ""))
    except ValueError:
        return False
    return time.time() - wrote_at < settings.DATABASE_REPLICA_FRESH_SECONDS


def _noting_writes(state: _Request):
    def execute(execute_sql, sql, params, many, context):
        if sql.lstrip()[:6].upper().startswith(WRITES):
            state.wrote = True
        return execute_sql(sql, params, many, context)

    return execute
