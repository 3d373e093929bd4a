"""Queueing and sending messages. A message is written once per alert, recipient and period;
a worker sends it only under a lease on "sending", so two workers never send it at once, and
its reference travels to the gateway as the idempotency key of a resent copy."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from apps.messaging.backends import (
    OutgoingSms,
    PermanentGatewayError,
    TemporaryGatewayError,
    get_backend,
)
from apps.messaging.catalogue import MessageTemplate
from apps.messaging.models import Channel, Direction, Message, MessageStatus
from apps.messaging.phones import normalised_mobile
from apps.messaging.segments import measure
from apps.messaging.signals import sms_received
from apps.outbox.services import enqueue, enqueue_many

# The sweeper hands over at most this many stalled messages a minute: a backlog after an outage
# drains without flooding the queue.
STALLED_BATCH = 500


@transaction.atomic
def queue_message(
    *,
    channel: Channel,
    template: MessageTemplate,
    context: dict,
    recipient: str,
    language: str,
    alert_key: str,
    recipient_user=None,
    recipient_unit=None,
    opted_out: bool = False,
) -> Message:
    """Write the message (or find the one already written for this alert and recipient) and send
    it once the transaction commits. One the recipient `opted_out` of is written to the log as
    not sent, and never sent."""
    dedupe_key = _dedupe_key(alert_key, channel, recipient)
    existing = Message.objects.filter(dedupe_key=dedupe_key).first()
    if existing is not None:
        return existing
    message, created = Message.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={
            "recipient": recipient,
            "recipient_user": recipient_user,
            "recipient_unit": recipient_unit,
            **_composed(template, context, channel=channel, language=language),
            "status": MessageStatus.OPTED_OUT if opted_out else MessageStatus.QUEUED,
        },
    )
    if created and not opted_out:
        _send_after_commit(message.pk)
    return message


def _dedupe_key(alert_key: str, channel: Channel, recipient: str) -> str:
    return f"{alert_key}:{channel}:{recipient}"[:250]


def _composed(template: MessageTemplate, context: dict, *, channel: Channel, language: str) -> dict:
    """The message's text, in the recipient's language, and what it costs as an SMS."""
    html = ""
    with translation.override(language):
        if channel == Channel.EMAIL and template.email_templates:
            text = render_to_string(f"{template.email_templates}.txt", context)
            html = render_to_string(f"{template.email_templates}.html", context)
        else:
            email_only = channel == Channel.EMAIL and template.email_text
            text = str(template.email_text if email_only else template.text) % context
        subject = str(template.subject) % context if template.subject else ""
    length = measure(text) if channel == Channel.SMS else None
    return {
        "channel": channel,
        "template": template.key,
        "dlt_template_id": template.dlt_template_id if channel == Channel.SMS else "",
        "language": language,
        "subject": subject,
        "text": text,
        "html": html,
        "encoding": length.encoding if length else "",
        "parts": length.parts if length else 1,
    }


@transaction.atomic
def queue_many(*, template: MessageTemplate, alerts: list[tuple[list, dict, str]]) -> int:
    """queue_for for many alerts of one template at once, each (recipients, context, alert_key):
    one query finds the messages already written, one insert writes the rest and their sending
    is handed over together after commit, where queue_for takes several queries a message (a
    bulletin to each of thousands of police stations). A run racing another fails on the
    unique alert key and writes nothing. Returns how many messages were written."""
    wanted = {}
    for recipients, context, alert_key in alerts:
        for person in recipients:
            key = _dedupe_key(alert_key, person.channel, person.address)
            wanted.setdefault(key, (person, context))
    written = set(
        Message.objects.filter(dedupe_key__in=list(wanted)).values_list("dedupe_key", flat=True)
    )
    messages = Message.objects.bulk_create(
        [
            Message(
                dedupe_key=key,
                recipient=person.address,
                recipient_user=person.user,
                recipient_unit=person.unit,
                **_composed(template, context, channel=person.channel, language=person.language),
            )
            for key, (person, context) in wanted.items()
            if key not in written
        ],
        batch_size=500,
    )
    from apps.messaging.tasks import send_message

    enqueue_many(send_message, [(message.pk,) for message in messages])
    return len(messages)


def queue_for(recipients, *, template: MessageTemplate, context: dict, alert_key: str) -> None:
    """One message per recipient and channel, each in the recipient's language."""
    for recipient in recipients:
        queue_message(
            channel=recipient.channel,
            template=template,
            context=context,
            recipient=recipient.address,
            language=recipient.language,
            alert_key=alert_key,
            recipient_user=recipient.user,
            recipient_unit=recipient.unit,
        )


def _send_after_commit(message_id: int) -> None:
    from apps.messaging.tasks import send_message

    enqueue(send_message, message_id)


def claim(message_id: int) -> Message | None:
    """Take the lease on sending the message and count the attempt. None when it needs no sending
    by us: finished, failed, or being sent by a worker whose lease has not run out."""
    now = timezone.now()
    claimable = Q(status=MessageStatus.QUEUED) | _stalled(now)
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(skip_locked=True)
            .filter(claimable, pk=message_id)
            .first()
        )
        if message is None:
            return None
        message.status = MessageStatus.SENDING
        message.lease_until = now + timedelta(seconds=settings.SMS_SENDING_LEASE_SECONDS)
        message.attempts += 1
        message.save(update_fields=["status", "lease_until", "attempts"])
    return message


def deliver(message_id: int) -> Message | None:
    """Send one claimed message. Gateway errors are recorded and re-raised for the task; any
    other error leaves the lease in place, as the gateway may have the message: the sweeper
    takes it over when the lease runs out."""
    message = claim(message_id)
    if message is None:
        return None
    try:
        reference = _reference_if_already_accepted(message) or _send(message)
    except (PermanentGatewayError, TemporaryGatewayError) as error:
        failed = isinstance(error, PermanentGatewayError)
        _record(
            message, status=MessageStatus.FAILED if failed else MessageStatus.QUEUED, error=error
        )
        raise
    except Exception as error:
        _record(message, status=MessageStatus.SENDING, error=error)
        raise
    message.gateway_reference = reference[:100]
    message.sent_at = timezone.now()
    _record(message, status=MessageStatus.SENT, error=None)
    return message


def _reference_if_already_accepted(message: Message) -> str | None:
    """An earlier attempt may have reached the gateway before its worker died or its answer was
    lost: ask the gateway when it can tell. Otherwise the message is sent again with the same
    reference, which a gateway honouring the contract drops (docs/operations.md)."""
    if message.attempts == 1 or message.channel != Channel.SMS:
        return None
    return get_backend().look_up(str(message.public_id))


def resume_stalled() -> int:
    """Hand again to the workers every message whose sender's lease ran out; returns how many.
    Through the outbox, as every other hand-over: a broker that is down does not hold up the
    sweep, and the outbox hands the message over again until its task has run."""
    stalled = Message.objects.filter(_stalled(timezone.now())).order_by("lease_until")
    stalled = list(stalled.values_list("pk", flat=True)[:STALLED_BATCH])
    for message_id in stalled:
        _send_after_commit(message_id)
    return len(stalled)


def _stalled(now) -> Q:
    """Being sent by a worker whose lease ran out (or was taken before leases were kept)."""
    lease_expired = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    return Q(status=MessageStatus.SENDING) & lease_expired


def give_up(message_id: int, error: Exception) -> None:
    """After the last retry the message is failed; an administrator may resend it. One sent
    meanwhile by another worker's attempt stays sent."""
    message = Message.objects.filter(pk=message_id, status=MessageStatus.QUEUED).first()
    if message is not None:
        _record(message, status=MessageStatus.FAILED, error=error)


def _send(message: Message) -> str:
    if message.channel == Channel.EMAIL:
        send_mail(
            message.subject,
            message.text,
            settings.DEFAULT_FROM_EMAIL,
            [message.recipient],
            html_message=message.html or None,
        )
        return ""
    return get_backend().send(
        OutgoingSms(
            reference=str(message.public_id),
            to=message.recipient,
            text=message.text,
            is_unicode=message.encoding == "ucs2",
            dlt_template_id=message.dlt_template_id,
        )
    )


def _record(message: Message, *, status: MessageStatus, error: Exception | None) -> None:
    message.status = status
    message.last_error = str(error)[:300] if error else ""
    if status != MessageStatus.SENDING:
        message.lease_until = None
    message.save(
        update_fields=["status", "last_error", "gateway_reference", "sent_at", "lease_until"]
    )


@transaction.atomic
def resend(message: Message) -> bool:
    """Queue a failed message again (an administrator's action); others are left alone."""
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.status != MessageStatus.FAILED:
        return False
    message.status = MessageStatus.QUEUED
    message.save(update_fields=["status"])
    _send_after_commit(message.pk)
    return True


@transaction.atomic
def record_delivery(*, gateway_reference: str, delivered: bool) -> int:
    """A gateway's delivery report; returns how many messages it concerned."""
    status = MessageStatus.DELIVERED if delivered else MessageStatus.FAILED
    changes = {"status": status}
    if delivered:
        changes["delivered_at"] = timezone.now()
    return Message.objects.filter(
        gateway_reference=gateway_reference,
        channel=Channel.SMS,
        direction=Direction.OUTGOING,
        gateway_reference__gt="",
    ).update(**changes)


# The first word of a reply that asks for no more SMS, as people type it.
STOP_WORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "END", "CANCEL"})


@transaction.atomic
def record_incoming_sms(*, gateway_id: str, sender: str, text: str) -> tuple[Message, bool]:
    """An SMS a phone sent us, as the gateway's inbound webhook reports it: written to the
    message log once per gateway message ID (a webhook called again finds the row and changes
    nothing), and announced with `sms_received`, in this transaction, the first time. Returns
    the message and whether it is new."""
    message, created = Message.objects.get_or_create(
        dedupe_key=f"inbound:{gateway_id}"[:250],
        defaults={
            "direction": Direction.INCOMING,
            "channel": Channel.SMS,
            "recipient": normalised_mobile(sender) or sender[:254],
            "template": "",
            "language": "",
            "text": text[:1000],
            "status": MessageStatus.RECEIVED,
            "gateway_reference": gateway_id[:100],
        },
    )
    if created:
        words = text.strip().upper().split()
        sms_received.send(
            sender=Message,
            message_id=message.pk,
            mobile=message.recipient,
            is_stop=bool(words) and words[0].strip(".,!") in STOP_WORDS,
        )
    return message, created
