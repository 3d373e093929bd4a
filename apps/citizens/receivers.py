"""Citizens' side reacts to reports, matches and replies, with work queued with their save (run
once it commits): a found child or sighting is checked against parents' inquiries still
searching; a missing child's family hears by SMS of its registration, a confirmed match and its
outcome; a reply STOP stops a family's SMS and a parent's search alike."""

from django.dispatch import receiver

from apps.matching.selectors import FOUND_SIDE
from apps.matching.signals import match_confirmed
from apps.messaging.signals import sms_received
from apps.outbox.services import enqueue
from apps.reports.choices import ReportKind
from apps.reports.models import Report
from apps.reports.signals import report_saved


@receiver(report_saved, dispatch_uid="citizens.check_inquiries")
def queue_inquiries_check(sender, report_id, **kwargs):
    from apps.citizens.tasks import check_inquiries_against_report, tell_family_about_missing_child

    # One task for the kind the report is (a report's kind never changes): a found child or
    # sighting answers inquiries, a missing child's family may have news.
    kind = Report.objects.filter(pk=report_id).values_list("kind", flat=True).first()
    if kind in FOUND_SIDE:
        enqueue(check_inquiries_against_report, report_id)
    elif kind == ReportKind.MISSING:
        enqueue(tell_family_about_missing_child, report_id)


@receiver(match_confirmed, dispatch_uid="citizens.tell_family_of_match")
def queue_family_match_sms(sender, candidate_id, **kwargs):
    from apps.citizens.tasks import tell_family_of_confirmed_match

    enqueue(tell_family_of_confirmed_match, candidate_id)


@receiver(sms_received, dispatch_uid="citizens.family_reply_stop")
def stop_family_sms_on_reply(sender, message_id, mobile, is_stop, **kwargs):
    """In the transaction that logs the reply: the STOP holds as soon as the webhook answers."""
    from apps.citizens.services import stop_family_sms_from, stop_searches_from

    if is_stop:
        stop_family_sms_from(mobile, message_id=message_id)
        stop_searches_from(mobile)
