"""Stamps every log record with the request and task it belongs to (settings.LOGGING uses it)."""

import logging

from apps.operations.context import current


class LogContextFilter(logging.Filter):
    def filter(self, record):
        context = current()
        record.request_id = context.request_id
        record.task_name = context.task_name
        record.task_id = context.task_id
        return True
