"""A worker killed while the gateway holds its SMS: a real `celery worker` process on its own
Redis is killed with SIGKILL mid-send, another worker takes over once the lease runs out and
sends it again with the same idempotency key, which the gateway drops: the citizen gets it once.
(With a gateway that can be asked, the copy is not even sent: test_send_sms_through_a_gateway.)"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection

from apps.messaging.models import Channel, Message
from apps.messaging.tests.fixtures import FakeGateway

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs the redis-server binary"),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not os.environ.get("DATABASE_URL"),
        reason="a worker process needs the test database on a server: set DATABASE_URL",
    ),
]

PROJECT = Path(__file__).resolve().parents[3]
LEASE_SECONDS = 2


class HoldingGateway(FakeGateway):
    """Takes the first SMS, then keeps its sender waiting for an answer that never comes."""

    hold_first = threading.Event()
    release = threading.Event()

    def do_POST(self):  # noqa: N802 - http.server's name
        if self.path == "/send" and not type(self).hold_first.is_set():
            self.accept(self.receive())  # the citizen's phone will get it
            type(self).hold_first.set()
            type(self).release.wait(30)
            return
        super().do_POST()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.fixture
def redis_url():
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own arguments
        [
            shutil.which("redis-server"),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    wait_for(lambda: socket.socket().connect_ex(("127.0.0.1", port)) == 0, 10)
    yield url
    server.terminate()
    server.wait(10)


@pytest.fixture
def broker(redis_url):
    """Sends tasks to our Redis; the portal's own Celery app stays the current one."""
    sender = Celery(broker=redis_url, set_as_current=False)
    yield sender
    sender.close()


@pytest.fixture
def holding_gateway():
    HoldingGateway.answers, HoldingGateway.received, HoldingGateway.accepted = [], [], {}
    HoldingGateway.hold_first.clear()
    HoldingGateway.release.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), HoldingGateway)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield HoldingGateway, f"http://127.0.0.1:{server.server_port}"
    HoldingGateway.release.set()
    server.shutdown()


@pytest.fixture
def start_worker(redis_url, holding_gateway):
    """Starts `celery -A trackchild worker` processes with production settings on the test
    database, our Redis and the local gateway; kills any still running at the end."""
    _, gateway_url = holding_gateway
    database = connection.settings_dict
    started = []

    def start(name: str) -> subprocess.Popen:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "trackchild.settings",
            "SECRET_KEY": "test-only-secret-key-for-a-worker",
            "DATABASE_URL": (
                f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
                f"{database['PORT'] or 5432}/{database['NAME']}"
            ),
            "REDIS_URL": redis_url,
            "SMS_BACKEND": "apps.messaging.backends.http.HttpGatewayBackend",
            "SMS_GATEWAY_URL": f"{gateway_url}/send",
            "SMS_GATEWAY_USERNAME": "trackchild",
            "SMS_GATEWAY_PASSWORD": "gateway-secret-for-a-test",
            "SMS_GATEWAY_TIMEOUT": "60",
            "SMS_SENDING_LEASE_SECONDS": str(LEASE_SECONDS),
        }
        worker = subprocess.Popen(  # noqa: S603 - our own arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "trackchild",
                "worker",
                "-Q",
                "messaging",
                "--concurrency",
                "1",
                "-n",
                f"{name}@%h",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=PROJECT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its pool processes die with it
        )
        started.append(worker)
        return worker

    yield start
    for worker in started:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(10)


def message(number: int) -> Message:
    return Message.objects.create(
        dedupe_key=f"otp:report-{number}:sms:98765432{number:02}",
        channel=Channel.SMS,
        recipient=f"98765432{number:02}",
        template="verification_code",
        language="en",
        text=f"{number} is your TrackChild verification code.",
    )


def test_an_sms_whose_worker_is_killed_mid_send_reaches_the_citizen_once(
    broker, holding_gateway, start_worker
):
    gateway, _ = holding_gateway
    first, second = message(1), message(2)
    for queued in (first, second):
        broker.send_task("apps.messaging.tasks.send_message", args=[queued.pk], queue="messaging")

    killed = start_worker("killed")
    wait_for(gateway.hold_first.is_set, 30)
    os.killpg(killed.pid, signal.SIGKILL)  # the gateway has the SMS; the portal never hears so
    killed.wait(10)
    gateway.release.set()
    held = Message.objects.get(public_id=gateway.received[0]["reference"])
    assert held.status == "sending"

    start_worker("after")
    wait_for(lambda: Message.objects.exclude(pk=held.pk).filter(status="sent").exists())
    time.sleep(LEASE_SECONDS)
    broker.send_task("apps.messaging.tasks.resume_stalled_messages", queue="messaging")
    wait_for(lambda: Message.objects.filter(status="sent").count() == 2)

    sends = [request for request in gateway.received if request["path"] == "/send"]
    for sent in (first, second):
        sent.refresh_from_db()
        key = str(sent.public_id)
        to_it = [request for request in sends if request["reference"] == key]
        assert {request["idempotency_key"] for request in to_it} == {key}
        assert len(to_it) == (2 if sent == held else 1)
    assert sorted(gateway.accepted) == sorted([str(first.public_id), str(second.public_id)])
    held.refresh_from_db()
    assert (held.status, held.attempts, held.gateway_reference) == ("sent", 2, "gw-1")
