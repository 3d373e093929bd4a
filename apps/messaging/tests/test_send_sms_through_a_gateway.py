"""Messages go out through a real HTTP gateway (a local server, as an Indian SMS gateway would
answer): failures are retried with backoff, nothing is sent twice, and every message is logged."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from apps.messaging import services
from apps.messaging.catalogue import VERIFICATION_CODE
from apps.messaging.models import Channel, Message
from apps.messaging.tasks import send_message
from apps.outbox.selectors import is_waiting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("retries_run_inline")]


def queue(language="en", recipient="9876543210", alert_key="otp:report-17:1"):
    return services.queue_message(
        channel=Channel.SMS,
        template=VERIFICATION_CODE,
        context={"code": "482913"},
        recipient=recipient,
        language=language,
        alert_key=alert_key,
    )


def test_a_message_goes_out_with_its_dlt_ids_and_is_logged_as_sent(
    gateway, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()

    (request,) = gateway.received
    assert request["mobileno"] == "9876543210"
    assert request["templateid"] == "1107000000000000042"
    assert request["entityid"] == "1101000000000000001"
    assert request["senderid"] == "TRKCLD"
    assert request["smsservicetype"] == "singlemsg"
    assert "482913 is your TrackChild verification code" in request["content"]
    message.refresh_from_db()
    assert (message.status, message.attempts, message.gateway_reference) == ("sent", 1, "gw-1")


def test_hindi_goes_as_unicode_with_numeric_entities(gateway, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(language="hi")

    (request,) = gateway.received
    assert request["smsservicetype"] == "unicodemsg"
    assert "&#" in request["content"]
    assert message.encoding == "ucs2"
    assert message.text != str(VERIFICATION_CODE.text) % {"code": "482913"}  # it is translated


def test_gateway_errors_are_retried_until_it_accepts(gateway, django_capture_on_commit_callbacks):
    gateway.answers = [503, 502]

    with django_capture_on_commit_callbacks(execute=True):
        message = queue()

    message.refresh_from_db()
    assert len(gateway.received) == 3
    assert (message.status, message.attempts, message.last_error) == ("sent", 3, "")


def test_a_refused_message_is_failed_at_once_and_an_administrator_can_resend_it(
    gateway, django_capture_on_commit_callbacks
):
    gateway.answers = [400]
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    message.refresh_from_db()
    assert (message.status, len(gateway.received)) == ("failed", 1)
    assert "400" in message.last_error

    with django_capture_on_commit_callbacks(execute=True):
        assert services.resend(message)

    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 2)


def test_the_same_alert_for_the_same_recipient_is_never_sent_twice(
    gateway, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue()
        again = queue()
    send_message.delay(first.pk)  # the task delivered twice by the broker

    assert first == again
    assert Message.objects.count() == 1
    assert len(gateway.received) == 1


def died_mid_send(message, *, lease_left: int = -1) -> None:
    """As a worker killed after the gateway took the message, before recording it as sent."""
    lease_until = timezone.now() + timedelta(seconds=lease_left)
    Message.objects.filter(pk=message.pk).update(status="sending", lease_until=lease_until)


def test_a_worker_dying_mid_send_resends_with_the_same_reference_which_the_gateway_drops(
    gateway, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    died_mid_send(message)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.resume_stalled() == 1

    first, again = gateway.received
    assert first["reference"] == again["reference"] == str(message.public_id)
    assert first["idempotency_key"] == again["idempotency_key"] == str(message.public_id)
    assert len(gateway.accepted) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.lease_until) == ("sent", 2, None)


def test_a_taken_over_message_waits_in_the_outbox_until_its_task_has_run(
    gateway, django_capture_on_commit_callbacks
):
    """The takeover is handed over through the outbox: were the broker down, the row would wait
    for the outbox's sweeper instead of the message being forgotten."""
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    died_mid_send(message)
    assert not is_waiting(send_message, message.pk)

    with django_capture_on_commit_callbacks() as hand_overs:
        services.resume_stalled()
    assert is_waiting(send_message, message.pk)

    for hand_over in hand_overs:
        hand_over()
    assert not is_waiting(send_message, message.pk)
    message.refresh_from_db()
    assert message.status == "sent"


def test_a_message_another_worker_is_still_sending_is_left_to_it(
    gateway, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    died_mid_send(message, lease_left=60)  # or still waiting on the gateway: we cannot tell

    send_message.delay(message.pk)  # the broker hands the task to a second worker
    assert services.resume_stalled() == 0

    assert len(gateway.received) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sending", 1)


def test_a_message_left_sending_before_leases_were_kept_is_taken_over(
    gateway, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    Message.objects.filter(pk=message.pk).update(status="sending", lease_until=None)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.resume_stalled() == 1

    message.refresh_from_db()
    assert (message.status, len(gateway.accepted)) == ("sent", 1)


def test_a_gateway_that_can_be_asked_is_asked_before_sending_again(
    gateway, settings, django_capture_on_commit_callbacks
):
    settings.SMS_GATEWAY_STATUS_URL = settings.SMS_GATEWAY_URL.replace("/send", "/status")
    with django_capture_on_commit_callbacks(execute=True):
        message, unsent = queue(), queue(alert_key="otp:report-18:1")
    died_mid_send(message)
    died_mid_send(unsent)
    del gateway.accepted[str(unsent.public_id)]  # killed before the gateway took it

    with django_capture_on_commit_callbacks(execute=True):
        services.resume_stalled()

    sent_again = [request for request in gateway.received if request["path"] == "/send"]
    assert [request["reference"] for request in sent_again].count(str(message.public_id)) == 1
    assert [request["reference"] for request in sent_again].count(str(unsent.public_id)) == 2
    message.refresh_from_db()
    assert (message.status, message.gateway_reference) == ("sent", "gw-1")


def test_an_unreachable_gateway_is_retried_then_given_up(
    settings, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = "apps.messaging.backends.http.HttpGatewayBackend"
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/send"  # nothing listens on the discard port
    settings.SMS_GATEWAY_TIMEOUT = 1

    with django_capture_on_commit_callbacks(execute=True):
        message = queue()

    message.refresh_from_db()
    assert message.status == "failed"
    assert message.attempts == send_message.max_retries + 1
    assert "unreachable" in message.last_error


def test_e_mail_goes_through_djangos_mail_framework(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = services.queue_message(
            channel=Channel.EMAIL,
            template=VERIFICATION_CODE,
            context={"code": "11"},
            recipient="dm.khordha@example.gov.in",
            language="en",
            alert_key="otp:x",
        )

    (sent,) = mail.outbox
    assert sent.to == ["dm.khordha@example.gov.in"]
    assert sent.subject == "Your TrackChild verification code"
    message.refresh_from_db()
    assert message.status == "sent"


def test_delivery_reports_mark_messages_delivered_only_with_the_token(
    client, settings, gateway, django_capture_on_commit_callbacks
):
    settings.SMS_DLR_TOKEN = "dlr-secret"
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()

    refused = client.get("/messaging/delivery-report/", {"reference": "gw-1", "status": "DELIVRD"})
    accepted = client.get(
        "/messaging/delivery-report/",
        {"reference": "gw-1", "status": "DELIVRD", "token": "dlr-secret"},
    )

    assert refused.status_code == 403
    assert accepted.content == b"ok 1"
    message.refresh_from_db()
    assert message.status == "delivered"
    assert message.delivered_at is not None
