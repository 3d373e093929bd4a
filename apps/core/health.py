"""What /healthz/ checks: the database, Redis, and a recent heartbeat from a worker on each queue.

Workers write the heartbeats (trackchild/celery.py); with no REDIS_URL tasks run in-process, so
there is neither Redis nor a worker to check.
"""

import time

import redis
from django.conf import settings
from django.db import connection

HEARTBEAT_KEY = "trackchild:worker-heartbeat:{queue}"
# A hung Redis must not hang the load balancer's probe.
REDIS_TIMEOUT_SECONDS = 2


def _redis() -> redis.Redis:
    return redis.Redis.from_url(
        settings.REDIS_URL,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        socket_timeout=REDIS_TIMEOUT_SECONDS,
    )


def queue_names() -> list[str]:
    return [queue.name for queue in settings.CELERY_TASK_QUEUES]


def record_heartbeat(queues) -> None:
    """Called by each worker every WORKER_HEARTBEAT_SECONDS for the queues it consumes."""
    client = _redis()
    now = time.time()
    with client.pipeline(transaction=False) as pipe:
        for queue in queues:
            pipe.set(HEARTBEAT_KEY.format(queue=queue), now, ex=settings.WORKER_HEARTBEAT_MAX_AGE)
        pipe.execute()


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure at all means the probe must say "down"
        return "down"
    return "ok"


def _redis_and_workers() -> tuple[str, dict[str, str]]:
    queues = queue_names()
    try:
        client = _redis()
        client.ping()
        beats = client.mget([HEARTBEAT_KEY.format(queue=queue) for queue in queues])
    except redis.RedisError:
        return "down", dict.fromkeys(queues, "unknown")
    oldest = time.time() - settings.WORKER_HEARTBEAT_MAX_AGE
    return "ok", {
        queue: "ok" if beat is not None and float(beat) >= oldest else "down"
        for queue, beat in zip(queues, beats, strict=True)
    }


def check() -> dict:
    """Every part's state; "status" is "ok" only when every part is."""
    database = _database()
    if not settings.REDIS_URL:
        return {
            "status": database,
            "database": database,
            "redis": "not used",
            "worker": "not used: tasks run in-process",
        }
    redis_state, queues = _redis_and_workers()
    worker = "ok" if all(state == "ok" for state in queues.values()) else "down"
    healthy = database == redis_state == worker == "ok"
    return {
        "status": "ok" if healthy else "down",
        "database": database,
        "redis": redis_state,
        "worker": worker,
        "queues": queues,
    }
