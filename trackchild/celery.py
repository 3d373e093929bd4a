"""Celery: `celery -A trackchild worker` runs tasks, `celery -A trackchild beat` schedules them."""

import os

from celery import Celery
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackchild.settings")

app = Celery("trackchild")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def log_as_the_portal_does(**kwargs):
    """Workers and beat log through settings.LOGGING (JSON with the request id in production)
    instead of Celery's own format; LOG_LEVEL, not --loglevel, sets how much."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)
