"""A parent's complaint of a missing child waits at the police station it was sent to. Left
unanswered (neither registered as a missing report nor declined with a reason) for the time the
rule allows, 48 hours unless an administrator changes it, it becomes overdue work of the
station and escalates: the district's SP office and DCPU see it in their overdue work and each
hear of it once. Nobody outside the district sees or hears of it."""

import pytest

from apps.alerts.services import queue_unanswered_complaint_alerts
from apps.citizens import services as citizens
from apps.compliance import tasks
from apps.compliance.models import DeadlineRule, OverdueItem, UnitCompliance
from apps.compliance.tests.conftest import DCPU_HEAD, SP_HEAD
from apps.compliance.tests.helpers import HOUR
from apps.directory.models import UnitType
from conftest import OUTSIDER_KINDS, Role, sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def escalation(sp_khordha, dcpu_khordha, sms_outbox, django_capture_on_commit_callbacks):
    """`with escalation():` runs what the computation commits (the alerts and their sending)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def texts_to(sms_outbox, number):
    return [sms.text for sms in sms_outbox if sms.to == number]


def queue_labels(client):
    response = client.get("/compliance/")
    assert response.status_code == 200
    return set(response.context["page"].object_list.values_list("label", flat=True))


def test_a_complaint_unanswered_for_49_hours_escalates_to_the_sp_office_and_the_dcpu(
    client, officer, capital_ps, complaint_to, start, compute, escalation, sms_outbox
):
    complaint = complaint_to(capital_ps, received_at=start)

    with escalation():
        compute(at=start + 47 * HOUR)
    assert not OverdueItem.objects.exists()

    with escalation():
        compute(at=start + 49 * HOUR)

    item = OverdueItem.objects.get()
    assert (item.event, item.responsible_unit, item.label) == (
        "complaint",
        capital_ps,
        complaint.reference,
    )
    assert item.due_at == start + 48 * HOUR
    assert item.get_subject_url() == f"/citizen-reports/{complaint.reference}/"
    (sp_text,) = texts_to(sms_outbox, SP_HEAD)
    (dcpu_text,) = texts_to(sms_outbox, DCPU_HEAD)
    assert sp_text == dcpu_text
    assert complaint.reference in sp_text
    assert "Capital PS" in sp_text
    assert "still unanswered" in sp_text
    assert f"/citizen-reports/{complaint.reference}/" in sp_text
    client.force_login(officer)
    assert queue_labels(client) == {complaint.reference}

    # The next hour's run, the nightly run and the alert task run again: still one alert each.
    with escalation():
        tasks.escalate_complaints()
        compute(at=start + 50 * HOUR)
        queue_unanswered_complaint_alerts(detected_at=item.detected_at)
    assert len(texts_to(sms_outbox, SP_HEAD)) == 1
    assert len(texts_to(sms_outbox, DCPU_HEAD)) == 1
    assert OverdueItem.objects.filter(resolved_at__isnull=True).count() == 1


def test_the_sp_office_and_the_dcpu_see_it_in_their_overdue_work(
    client,
    capital_ps,
    sp_khordha,
    district_police_official,
    dcpu_staff,
    make_official,
    complaint_to,
    start,
    compute,
):
    complaint = complaint_to(capital_ps, received_at=start)
    compute(at=start + 49 * HOUR)
    sp_office_officer = make_official("asi_sp_khordha", Role.POLICE_OFFICER, unit=sp_khordha)

    for official in (district_police_official, sp_office_officer, dcpu_staff):
        if official.requires_two_factor:
            sign_in_verified(client, official)
        else:
            client.force_login(official)
        response = client.get("/compliance/", {"event": "complaint"})
        assert set(response.context["page"].object_list.values_list("label", flat=True)) == {
            complaint.reference
        }, official
        assert "Citizen&#x27;s complaint answered by the police station" in response.text


def test_the_complaint_counts_on_the_compliance_figures(
    client, capital_ps, district_police_official, complaint_to, start, compute
):
    complaint_to(capital_ps, received_at=start)
    compute(at=start + 49 * HOUR)

    assert UnitCompliance.objects.get(unit=capital_ps).open_items == 1
    sign_in_verified(client, district_police_official)
    district = client.get(f"/compliance/districts/{capital_ps.district.lgd_code}/")
    (row,) = district.context["by_type"]
    assert (row.unit_type, row.open_items) == (UnitType.POLICE_STATION, 1)
    state = client.get(f"/compliance/states/{capital_ps.state.lgd_code}/")
    assert state.status_code == 403  # an SP office sees its district, not the State


def test_a_complaint_answered_at_47_hours_escalates_nothing(
    officer, capital_ps, complaint_to, now_minus, compute, escalation, sms_outbox
):
    received_at = now_minus(47 * HOUR)
    complaint = complaint_to(capital_ps, received_at=received_at)
    citizens.decline(
        citizen_report=complaint, declined_by=officer, note="The child came home; family told us."
    )

    with escalation():
        compute(at=received_at + 49 * HOUR)

    assert not OverdueItem.objects.exists()
    assert not texts_to(sms_outbox, SP_HEAD)
    assert not texts_to(sms_outbox, DCPU_HEAD)


def test_answered_late_the_item_is_resolved(
    officer, capital_ps, complaint_to, now_minus, compute, escalation
):
    received_at = now_minus(49 * HOUR)
    complaint = complaint_to(capital_ps, received_at=received_at)
    with escalation():
        compute(at=received_at + 48 * HOUR + 1 * HOUR // 2)
    assert OverdueItem.objects.get().is_open

    citizens.decline(citizen_report=complaint, declined_by=officer, note="Duplicate of FIR 7/2026")
    compute(at=received_at + 50 * HOUR)

    assert not OverdueItem.objects.get().is_open


def test_a_complaint_set_aside_as_abusive_is_not_owed(
    capital_ps, complaint_to, start, compute, escalation
):
    complaint_to(capital_ps, received_at=start)
    complaint = complaint_to(capital_ps, received_at=start)
    complaint.moderation = "abusive"
    complaint.save()

    with escalation():
        compute(at=start + 49 * HOUR)

    assert OverdueItem.objects.count() == 1


@pytest.mark.parametrize("kind", OUTSIDER_KINDS)
def test_nobody_outside_the_district_sees_or_hears_of_it(
    kind,
    client,
    capital_ps,
    make_unit,
    make_official,
    sign_in_outsider,
    complaint_to,
    start,
    compute,
    escalation,
    sms_outbox,
    cuttack,
    patna,
):
    others = {
        "another_unit": make_unit(UnitType.POLICE_STATION, district=capital_ps.district),
        "another_district": make_unit(UnitType.DISTRICT_POLICE, district=cuttack),
        "another_state": make_unit(UnitType.DISTRICT_POLICE, district=patna),
    }
    other = others[kind]
    other.head_mobile, other.head_alert_channels = "9437999999", "sms"
    other.save()
    complaint = complaint_to(capital_ps, received_at=start)

    with escalation():
        compute(at=start + 49 * HOUR)

    assert not texts_to(sms_outbox, "9437999999")
    sign_in_outsider(kind, capital_ps)
    assert complaint.reference not in queue_labels(client)
    # The other station's officer; the SP of the other district or State/UT.
    role = Role.POLICE_OFFICER if kind == "another_unit" else Role.DISTRICT_OFFICIAL
    sign_in_verified(client, make_official(f"head_{kind}", role, unit=other))
    assert complaint.reference not in queue_labels(client)


def test_the_configured_hours_decide(capital_ps, complaint_to, start, compute, escalation):
    complaint_to(capital_ps, received_at=start)
    DeadlineRule.objects.filter(event="complaint").update(allowed_hours=72)

    with escalation():
        compute(at=start + 49 * HOUR)
    assert not OverdueItem.objects.exists()

    with escalation():
        compute(at=start + 73 * HOUR)
    assert OverdueItem.objects.get().due_at == start + 72 * HOUR

    DeadlineRule.objects.filter(event="complaint").update(is_active=False)
    compute(at=start + 74 * HOUR)
    assert not OverdueItem.objects.get().is_open


def test_the_hourly_job_escalates_a_complaint_past_its_deadline(
    capital_ps, complaint_to, now_minus, escalation, sms_outbox
):
    complaint = complaint_to(capital_ps, received_at=now_minus(49 * HOUR))

    with escalation():
        result = tasks.escalate_complaints()

    assert result["created"] == 1
    assert OverdueItem.objects.get().label == complaint.reference
    assert len(texts_to(sms_outbox, SP_HEAD)) == 1
    assert not UnitCompliance.objects.exists()  # figures wait for the nightly computation
