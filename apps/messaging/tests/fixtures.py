"""A real HTTP SMS gateway on a local port, answering as an Indian gateway would."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import pytest

from trackchild.celery import app


@pytest.fixture
def retries_run_inline():
    """Eager Celery re-runs a retried task at once only when it does not propagate the retry."""
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = True


class FakeGateway(BaseHTTPRequestHandler):
    """Answers with the queued status codes, then "402,MsgID = …"; drops a resent reference,
    answering with the MsgID it first gave it. At /status it says whether it has a reference, as
    SMS_GATEWAY_STATUS_URL would."""

    answers: list[int] = []
    received: list[dict] = []
    accepted: dict[str, str] = {}  # our reference: the gateway's

    def do_POST(self):
        fields = self.receive()
        if self.path == "/status":
            self.answer_status(fields["reference"])
            return
        status = type(self).answers.pop(0) if type(self).answers else 200
        reply = f"402,MsgID = gw-{len(type(self).received)}"
        if status == 200:
            reply = f"402,MsgID = {self.accept(fields)}"
        self.send_response(status)
        self.end_headers()
        self.wfile.write(reply.encode())

    def receive(self) -> dict:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        fields = {key: values[0] for key, values in parse_qs(body).items()}
        fields["path"] = self.path
        fields["idempotency_key"] = self.headers.get("Idempotency-Key", "")
        type(self).received.append(fields)
        return fields

    def accept(self, fields: dict) -> str:
        """The gateway's MsgID; a reference it already has is not sent to the phone again."""
        return type(self).accepted.setdefault(fields["reference"], f"gw-{len(type(self).received)}")

    def answer_status(self, reference):
        known = type(self).accepted.get(reference)
        self.send_response(200 if known else 404)
        self.end_headers()
        self.wfile.write(f"MsgID = {known}".encode() if known else b"unknown")

    def log_message(self, *args):
        """Requests are not logged: the test output stays readable."""


@pytest.fixture
def gateway(settings):
    FakeGateway.answers, FakeGateway.received, FakeGateway.accepted = [], [], {}
    server = HTTPServer(("127.0.0.1", 0), FakeGateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_BACKEND = "apps.messaging.backends.http.HttpGatewayBackend"
    settings.SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.SMS_GATEWAY_USERNAME, settings.SMS_GATEWAY_PASSWORD = "trackchild", "secret"
    settings.SMS_SENDER_ID, settings.SMS_DLT_ENTITY_ID = "TRKCLD", "1101000000000000001"
    settings.SMS_DLT_TEMPLATE_IDS = {"verification_code": "1107000000000000042"}
    settings.SMS_GATEWAY_TIMEOUT = 2
    yield FakeGateway
    server.shutdown()


@pytest.fixture
def sms_outbox():
    """The SMS "sent" through the in-memory backend in this test, as Django's mail.outbox."""
    from apps.messaging.backends import locmem

    locmem.outbox.clear()
    yield locmem.outbox
    locmem.outbox.clear()
