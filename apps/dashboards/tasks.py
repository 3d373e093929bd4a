"""Thin Celery wrapper; safe to run twice (see apps.dashboards.services)."""

from celery import shared_task

from apps.dashboards import services


@shared_task(acks_late=True)
def refresh_dashboard_figures() -> dict:
    """The job every few minutes: the dashboards' figures, as of now."""
    result = services.recount_dashboard_figures()
    return {"seconds": round(result.seconds, 1), "written": result.written}
