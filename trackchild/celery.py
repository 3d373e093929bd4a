"""Celery: `celery -A trackchild worker` runs tasks, `celery -A trackchild beat` schedules them."""

import logging
import os

from celery import Celery, Task, bootsteps
from celery.signals import setup_logging, worker_init

from apps.core.outages import OUTAGE_ERRORS

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackchild.settings")


class RetriedAfterOutages(Task):
    """Every task: retried after 5 s, 10 s, 20 s… (at most 10 minutes apart, so within the
    broker's visibility timeout) for about an hour; past that the outbox sweeper hands it over
    again."""

    autoretry_for = OUTAGE_ERRORS
    retry_backoff = 5
    retry_backoff_max = 10 * 60
    retry_jitter = True
    max_retries = 10


app = Celery("trackchild", task_cls=RetriedAfterOutages)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


class Heartbeat(bootsteps.StartStopStep):
    """Writes "a worker consumes this queue and is alive" to Redis for /healthz/ to read.

    Runs on the consumer's timer in the worker's main process, so it stops when the worker no
    longer takes tasks (broker connection lost, shutting down)."""

    requires = {"celery.worker.consumer.tasks:Tasks"}

    def __init__(self, consumer, **kwargs):
        super().__init__(consumer, **kwargs)
        self.timer_entry = None

    def start(self, consumer):
        from django.conf import settings

        if not settings.REDIS_URL:
            return
        queues = sorted(queue.name for queue in consumer.task_consumer.queues)
        self.beat(queues)
        self.timer_entry = consumer.timer.call_repeatedly(
            settings.WORKER_HEARTBEAT_SECONDS, self.beat, (queues,)
        )

    def stop(self, consumer):
        if self.timer_entry is not None:
            self.timer_entry.cancel()
            self.timer_entry = None

    def beat(self, queues):
        from apps.core.health import record_heartbeat

        try:
            record_heartbeat(queues)
        except Exception:  # the worker keeps working; /healthz/ will say what is wrong
            logger.exception("worker heartbeat not written")


app.steps["consumer"].add(Heartbeat)


@setup_logging.connect
def log_as_the_portal_does(**kwargs):
    """Workers and beat log through settings.LOGGING (JSON with the request id in production)
    instead of Celery's own format; LOG_LEVEL, not --loglevel, sets how much."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)


@worker_init.connect
def load_open_faces(sender, **kwargs):
    """A worker that matches reports loads the open faces once, before forking its pool
    (apps.matching.face_index.load_before_forking)."""
    from django.db import connections

    from apps.matching.face_index import load_before_forking

    queues = sender.app.amqp.queues
    consumed = queues.consume_from if queues.consume_from else queues
    try:
        loaded = load_before_forking(set(consumed))
    except Exception:  # the database is down: each pool process loads them on first use
        logger.exception("open faces not loaded before starting the pool")
        loaded = True
    if loaded:
        connections.close_all()  # each pool process opens its own
