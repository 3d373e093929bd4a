"""What a log line is part of: the request (and the task it started) it was written for.

Held in a context variable so that every logger sees it without being handed it, in gunicorn's
threads, in eagerly run tasks and in Celery's worker processes alike.
"""

import re
import uuid
from contextvars import ContextVar, Token
from dataclasses import dataclass, replace

# An id sent by a client or proxy is kept only when it cannot forge a log line or a header.
ACCEPTABLE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")


@dataclass(frozen=True)
class LogContext:
    request_id: str = ""
    task_name: str = ""
    task_id: str = ""


OUTSIDE_ANY_REQUEST = LogContext()
_current: ContextVar[LogContext] = ContextVar("log_context")


def current() -> LogContext:
    return _current.get(OUTSIDE_ANY_REQUEST)


def bind(**fields) -> Token:
    return _current.set(replace(current(), **fields))


def unbind(token: Token) -> None:
    _current.reset(token)


def request_id_from(header: str | None) -> str:
    """The incoming X-Request-ID when it is safe to repeat, else a new one."""
    if header and ACCEPTABLE_REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex
