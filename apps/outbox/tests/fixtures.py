"""Celery pointed at a broker of the test's choosing, publishing for real instead of running
tasks inline."""

import socket

import kombu.pools
import pytest

from trackchild.celery import app


def forget_broker_connections():
    kombu.pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def publish_to():
    """`publish_to(url)`: tasks are published to that broker until the test ends;
    `publish_to(None)`: run in-process again, as with a broker that is back."""
    saved = app.conf.broker_url, app.conf.task_always_eager

    def point(url: str | None) -> None:
        app.conf.broker_url, app.conf.task_always_eager = url or saved[0], url is None
        forget_broker_connections()

    yield point
    app.conf.broker_url, app.conf.task_always_eager = saved
    forget_broker_connections()


@pytest.fixture
def dead_redis_url():
    """A Redis address where nothing listens: Redis is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"
