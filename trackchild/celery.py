"""Celery: `celery -A trackchild worker` runs tasks, `celery -A trackchild beat` schedules them."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trackchild.settings")

app = Celery("trackchild")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
