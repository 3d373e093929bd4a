import copy
import io
import json
import logging
import logging.config

import pytest
from django.conf import settings

from apps.operations.logs import LogContextFilter
from trackchild.celery import app


class LogLines(io.StringIO):
    def records(self) -> list[dict]:
        """Every line written, each parsed as the JSON object it must be."""
        return [json.loads(line) for line in self.getvalue().splitlines()]


@pytest.fixture
def json_log():
    """What the portal's JSON log handler writes for the request and Celery loggers.

    Attached to those loggers rather than the root, which a worker starting in a test
    reconfigures from settings.LOGGING."""
    lines = LogLines()
    handler = logging.StreamHandler(lines)
    handler.addFilter(LogContextFilter())
    # A copy: configuring takes the formatter's "()" out of the dictionary it is given.
    config = copy.deepcopy(settings.LOGGING)
    configurator = logging.config.DictConfigurator(config)
    handler.setFormatter(configurator.configure_formatter(config["formatters"]["json"]))
    loggers = [logging.getLogger(name) for name in ("trackchild.requests", "celery.app.trace")]
    for logger in loggers:
        logger.addHandler(handler)
    yield lines
    for logger in loggers:
        logger.removeHandler(handler)


@pytest.fixture
def queued_tasks():
    """Tasks go to the broker for a worker, as in production, instead of running inline."""
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True
