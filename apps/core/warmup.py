"""What a fresh web process does once before its first request (gunicorn.conf.py), instead of
making the first officials it serves wait: importing every view, compiling the templates, and
connecting to PostgreSQL. After a deploy or restart every worker is fresh at once, and each
first request took 200-400 ms more (benchmarks/bench_load.py, cold column). Nothing here reads
or writes data, so a worker warms the same whatever the database holds."""

import logging
from pathlib import Path

from django.db import DatabaseError, connection
from django.template import engines
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils.module_loading import autodiscover_modules

# Template folders whose every template a page may render: the project's, crispy-forms'
# Bootstrap 5 and Django's form widgets (the apps' own admin and API templates are left to
# their first use).
WARMED_TEMPLATE_PACKAGES = ("crispy_bootstrap5", "django/forms")

logger = logging.getLogger(__name__)


def warm_up() -> None:
    get_resolver().url_patterns  # noqa: B018 - imports every urls.py and so every view
    autodiscover_modules("tasks")  # what a filing queues, imported when first queued
    for name in _page_templates():
        get_template(name)
    try:
        connection.ensure_connection()
    except DatabaseError:
        # gunicorn stops altogether when a worker fails to boot: with PostgreSQL down the
        # worker starts anyway and connects at the first request after PostgreSQL is back.
        logger.warning("PostgreSQL is not reachable; the worker will connect at its first request")


def _page_templates():
    engine = engines["django"]
    project = {Path(folder) for folder in engine.dirs}
    for folder in map(Path, engine.template_dirs):
        if folder in project or any(
            package in folder.as_posix() for package in WARMED_TEMPLATE_PACKAGES
        ):
            for path in folder.rglob("*.html"):
                yield path.relative_to(folder).as_posix()
