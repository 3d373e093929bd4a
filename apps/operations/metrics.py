"""Prometheus metrics: counted where things happen (requests, tasks), or read at scrape time
from the database and the broker (SMS, match candidates, queue lengths).

With PROMETHEUS_MULTIPROC_DIR set (production: gunicorn workers, Celery's pool processes),
prometheus_client keeps each process's counts in that folder and a scrape adds them up; the web
processes and the workers must then share the folder to report the tasks (docs/operations.md).
"""

import logging
import os

import redis
from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count
from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

logger = logging.getLogger(__name__)

KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# kombu keeps a Redis queue's messages of priority N in a list named queue + this + N.
REDIS_PRIORITY_SEPARATOR = "\x06\x16"
REDIS_PRIORITY_STEPS = (0, 3, 6, 9)

REQUEST_SECONDS = Histogram(
    "trackchild_http_request_duration_seconds",
    "Time to answer a request, by Django view name.",
    ["view", "method"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
RESPONSES = Counter(
    "trackchild_http_responses",
    "Responses by Django view name and status class (2xx, 4xx, ...).",
    ["view", "status"],
)
TASK_RUNS = Counter(
    "trackchild_celery_tasks",
    "Celery task runs by task name and final state (success, failure, retry, ...).",
    ["task", "state"],
)
TASK_SECONDS = Histogram(
    "trackchild_celery_task_duration_seconds",
    "Time a Celery task ran, by task name.",
    ["task"],
    buckets=(0.1, 0.5, 1, 5, 15, 60, 300, 900, 1800),
)


def observe_request(*, view: str, method: str, status: int, seconds: float) -> None:
    method = method if method in KNOWN_METHODS else "other"
    REQUEST_SECONDS.labels(view=view, method=method).observe(seconds)
    RESPONSES.labels(view=view, status=f"{status // 100}xx").inc()


def observe_task(*, task: str, state: str, seconds: float | None) -> None:
    TASK_RUNS.labels(task=task, state=(state or "unknown").lower()).inc()
    if seconds is not None:
        TASK_SECONDS.labels(task=task).observe(seconds)


class ScrapeTimeCollector:
    """Figures read when Prometheus asks: a part that does not answer is left out (and logged),
    so the other figures still arrive."""

    def collect(self):
        yield from _guarded(_sms_messages)
        yield from _guarded(_match_candidates)
        yield from _guarded(_queue_lengths)
        yield from _guarded(_background_work)


def _guarded(read):
    try:
        yield from read()

    except (DatabaseError, redis.RedisError) as error:
        logger.warning("metrics: %s could not be read: %s", read.__name__, error)


def _sms_messages():
    from apps.messaging.models import Channel, Message, MessageStatus

    family = GaugeMetricFamily(
        "trackchild_sms_messages",
        "SMS in the message log by status (queued and sending are pending).",
        labels=["status"],
    )
    counts = dict(
        Message.objects.filter(channel=Channel.SMS)
        .order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
    )
    for status in MessageStatus.values:
        family.add_metric([status], counts.get(status, 0))
    yield family


def _match_candidates():
    from apps.matching.models import CandidateKind, CandidateStatus, MatchCandidate

    family = GaugeMetricFamily(
        "trackchild_match_candidates",
        "Pairs the matching engine has proposed, by kind and review status.",
        labels=["kind", "status"],
    )
    rows = MatchCandidate.objects.order_by().values_list("kind", "status").annotate(Count("pk"))
    counts = {(kind, status): count for kind, status, count in rows}
    for kind in CandidateKind.values:
        for status in CandidateStatus.values:
            family.add_metric([kind, status], counts.get((kind, status), 0))
    yield family


def _queue_lengths():
    if not settings.REDIS_URL:
        return
    family = GaugeMetricFamily(
        "trackchild_celery_queue_length",
        "Tasks waiting in each Celery queue on the broker.",
        labels=["queue"],
    )
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=2)
    try:
        for queue in queue_names():
            lists = [queue] + [
                f"{queue}{REDIS_PRIORITY_SEPARATOR}{step}" for step in REDIS_PRIORITY_STEPS[1:]
            ]
            pipeline = client.pipeline(transaction=False)
            for name in lists:
                pipeline.llen(name)
            family.add_metric([queue], sum(pipeline.execute()))
    finally:
        client.close()
    yield family


def _background_work():
    from apps.outbox import selectors

    waiting = GaugeMetricFamily(
        "trackchild_background_tasks_waiting",
        "Background work recorded with a save and not done yet, by state.",
        labels=["state"],
    )
    for state, count in selectors.waiting_by_state().items():
        waiting.add_metric([state], count)
    yield waiting
    yield GaugeMetricFamily(
        "trackchild_background_tasks_overdue",
        "Background work the sweeper should have handed over minutes ago (beat or Redis down).",
        value=selectors.overdue_count(),
    )


def queue_names() -> list[str]:
    """Every queue Celery is told about: declared, routed to, and the default one."""
    from trackchild.celery import app

    names = set(app.amqp.queues) | {app.conf.task_default_queue}
    routes = app.conf.task_routes
    if isinstance(routes, dict):
        names |= {route["queue"] for route in routes.values() if "queue" in route}
    return sorted(names)


def exposition() -> bytes:
    """Every metric in Prometheus's text format."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        counted = CollectorRegistry()
        multiprocess.MultiProcessCollector(counted)
    else:
        counted = REGISTRY
    read_now = CollectorRegistry()
    read_now.register(ScrapeTimeCollector())
    return generate_latest(counted) + generate_latest(read_now)
