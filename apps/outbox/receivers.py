"""A task handed over through the outbox marks its row done when it has run to the end, and
puts off the sweeper while it waits for a retry of its own."""

from celery import states
from celery.exceptions import Retry
from celery.signals import task_postrun

from apps.outbox import services


@task_postrun.connect(dispatch_uid="outbox.follow_task")
def follow_outbox_task(task_id=None, state=None, retval=None, **kwargs):
    if state == states.SUCCESS:
        services.mark_done(task_id)
    elif state == states.RETRY and isinstance(retval, Retry):
        services.postpone(task_id, retval.when)
