from celery import shared_task
from django.conf import settings

from apps.citizens import services


@shared_task(acks_late=True)
def answer_inquiry(citizen_report_id: int, language: str = settings.LANGUAGE_CODE) -> int:
    """Match a parent's inquiry against found children; returns how many may match."""
    return len(services.search_for_inquiry(citizen_report_id, language).possible_matches)


@shared_task(acks_late=True)
def check_inquiries_against_report(report_id: int) -> int:
    """Check a found child or sighting against inquiries still searching; returns how many
    parents were told of a new possible match."""
    return len(services.check_inquiries(report_id))


@shared_task(acks_late=True)
def tell_family_about_missing_child(report_id: int) -> int:
    """SMS the family of a missing child its report's registration or outcome, once each;
    returns how many messages concern them."""
    return len(services.tell_family_about_report(report_id))


@shared_task(acks_late=True)
def tell_family_of_confirmed_match(candidate_id: int) -> bool:
    return services.tell_family_of_match(candidate_id) is not None


@shared_task
def end_inquiry_searches() -> int:
    return services.forget_ended_searches()
