"""The request id travels with each task as a message header; the worker binds it (and the
task's name and id) to the log context while the task runs, and counts the run."""

import time

from celery.signals import before_task_publish, task_postrun, task_prerun

from apps.operations import context, metrics

REQUEST_ID_HEADER = "request_id"
# Per running task: the log-context token to restore and when it started.
_running: dict[str, tuple] = {}


@before_task_publish.connect
def carry_request_id(headers=None, **kwargs):
    request_id = context.current().request_id
    if request_id and headers is not None:
        headers.setdefault(REQUEST_ID_HEADER, request_id)


@task_prerun.connect
def enter_task(task_id=None, task=None, **kwargs):
    # A worker finds the id in the message's headers; a task run eagerly inherits the request's.
    sent_with = (task.request.headers or {}).get(REQUEST_ID_HEADER)
    request_id = sent_with or context.current().request_id
    token = context.bind(request_id=request_id, task_name=task.name, task_id=task_id)
    _running[task_id] = (token, time.perf_counter())


@task_postrun.connect
def leave_task(task_id=None, task=None, state=None, **kwargs):
    token, started = _running.pop(task_id, (None, None))
    seconds = time.perf_counter() - started if started is not None else None
    metrics.observe_task(task=task.name, state=state, seconds=seconds)
    if token is not None:
        context.unbind(token)
