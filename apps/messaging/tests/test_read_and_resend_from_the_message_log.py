"""A national administrator reads every message the portal sent, filters the log, and sends a
failed message again; nobody else opens the log."""

import pytest

from apps.accounts.models import Role
from apps.messaging.models import Channel, Message, MessageStatus
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db


def logged(recipient, *, status, template="monthly_digest", unit=None):
    return Message.objects.create(
        dedupe_key=f"test:{recipient}:{template}",
        channel=Channel.SMS,
        recipient=recipient,
        recipient_unit=unit,
        template=template,
        language="en",
        text="TrackChild test",
        status=status,
        attempts=6 if status == MessageStatus.FAILED else 1,
    )


def test_the_log_filters_by_status_template_and_state(
    client, national_admin, make_unit, khordha, patna
):
    odisha_unit, bihar_unit = make_unit(district=khordha), make_unit(district=patna)
    logged("9437000001", status=MessageStatus.FAILED, unit=odisha_unit)
    logged("9470000001", status=MessageStatus.FAILED, unit=bihar_unit)
    logged("9437000009", status=MessageStatus.SENT, unit=odisha_unit)
    logged("9437000008", status=MessageStatus.FAILED, template="strong_match", unit=odisha_unit)
    sign_in_verified(client, national_admin)

    response = client.get(
        "/admin/messaging/message/",
        {
            "status": "failed",
            "template": "monthly_digest",
            "recipient_unit__state__id__exact": khordha.state_id,
        },
    )

    shown = [message.recipient for message in response.context["cl"].result_list]
    assert shown == ["9437000001"]


def test_a_failed_message_is_sent_again_and_a_sent_one_is_left_alone(
    client, national_admin, sms_outbox, django_capture_on_commit_callbacks
):
    failed = logged("9437000001", status=MessageStatus.FAILED)
    sent = logged("9437000002", status=MessageStatus.SENT)
    sign_in_verified(client, national_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/messaging/message/",
            {"action": "resend_failed", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )

    assert "1 message queued again." in response.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (MessageStatus.SENT, 7)
    assert [sms.to for sms in sms_outbox] == ["9437000001"]


def test_a_district_official_cannot_open_the_log(client, make_official, make_unit, khordha):
    official = make_official(
        "dcpo", Role.DISTRICT_OFFICIAL, unit=make_unit("dcpu", district=khordha)
    )
    sign_in_verified(client, official)

    response = client.get("/admin/messaging/message/")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
