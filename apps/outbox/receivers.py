"""A task handed over through the outbox marks its row done when it has run to the end."""

from celery import states
from celery.signals import task_postrun

from apps.outbox import services


@task_postrun.connect(dispatch_uid="outbox.mark_done")
def mark_outbox_row_done(task_id=None, state=None, **kwargs):
    if state == states.SUCCESS:
        services.mark_done(task_id)
