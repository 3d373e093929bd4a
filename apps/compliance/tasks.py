"""Thin Celery wrapper; safe to run twice (see apps.compliance.services)."""

from celery import shared_task

from apps.compliance import services


@shared_task(acks_late=True)
def compute_overdue_items() -> dict:
    """The daily job: overdue items and every unit's compliance figures, as of now."""
    result = services.recompute_compliance()
    return {"created": result.created, "resolved": result.resolved, "open": result.open}


@shared_task(acks_late=True)
def escalate_complaints() -> dict:
    """The hourly job: citizens' complaints unanswered past their deadline become overdue items
    (and their escalation alerts are queued), as of now."""
    result = services.escalate_unanswered_complaints()
    return {"created": result.created, "resolved": result.resolved, "open": result.open}
