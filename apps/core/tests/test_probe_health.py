"""A load balancer or uptime probe asks /healthz/ whether the portal can do its work: 200 only
when PostgreSQL and Redis answer and a worker on every queue has shown a heartbeat recently."""

import socket
import time

import pytest
import redis
from django.conf import settings

from apps.core.health import HEARTBEAT_KEY, queue_names, record_heartbeat

pytestmark = pytest.mark.django_db

needs_redis = pytest.mark.skipif(
    not settings.REDIS_URL, reason="needs Redis: set REDIS_URL as CI does"
)


@pytest.fixture
def no_heartbeats():
    client = redis.Redis.from_url(settings.REDIS_URL)
    keys = [HEARTBEAT_KEY.format(queue=queue) for queue in queue_names()]
    client.delete(*keys)
    yield client
    client.delete(*keys)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@needs_redis
def test_everything_up_answers_200_over_plain_http(client, no_heartbeats):
    record_heartbeat(queue_names())
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "redis": "ok",
        "worker": "ok",
        "queues": dict.fromkeys(queue_names(), "ok"),
    }


@needs_redis
def test_no_worker_heartbeat_answers_503_naming_the_worker(client, no_heartbeats):
    response = client.get("/healthz/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert (body["database"], body["redis"], body["worker"]) == ("ok", "ok", "down")
    assert body["queues"] == dict.fromkeys(queue_names(), "down")


@needs_redis
def test_a_queue_without_a_worker_is_named(client, no_heartbeats):
    record_heartbeat([queue for queue in queue_names() if queue != "bulk"])
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["queues"]["bulk"] == "down"
    assert response.json()["queues"]["messaging"] == "ok"


@needs_redis
def test_a_stale_heartbeat_counts_as_no_worker(client, no_heartbeats):
    too_old = time.time() - settings.WORKER_HEARTBEAT_MAX_AGE - 1
    for queue in queue_names():
        no_heartbeats.set(HEARTBEAT_KEY.format(queue=queue), too_old)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["worker"] == "down"


def test_redis_down_answers_503_naming_redis(client, settings):
    settings.REDIS_URL = f"redis://127.0.0.1:{closed_port()}/0"
    response = client.get("/healthz/")
    assert response.status_code == 503
    body = response.json()
    assert (body["status"], body["database"], body["redis"]) == ("down", "ok", "down")


def test_embedded_mode_has_no_redis_or_worker_to_wait_for(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "redis": "not used",
        "worker": "not used: tasks run in-process",
    }
