"""gunicorn's settings for the portal, read from the directory it starts in (the project root,
/app in the image). Override the number of workers with WEB_CONCURRENCY.

Four sync workers a core: a worker waits for PostgreSQL and Redis during much of every request,
and a short request (a record, 20 ms of CPU) queued behind four filings with photos waited for
a free worker while the cores idled. Measured with benchmarks/bench_load.py on 2 cores (60
people, 1,000,000 reports): with 4 workers the p95 of a record was 260-370 ms with the machine
half idle; with 8 it was 100 ms, every page within its target (docs/scaling.md). Each worker
holds about 200 MB and one PostgreSQL connection (DATABASE_CONN_MAX_AGE), hence at most 16
unless WEB_CONCURRENCY says otherwise: past that, add web machines (docs/scaling.md)."""

import os

# The cores this process may run on (a container's cpuset), not every core of the host.
CORES = len(os.sched_getaffinity(0))
workers = int(os.environ.get("WEB_CONCURRENCY") or min(4 * CORES, 16))


def post_worker_init(worker):
    """Each worker imports the views, compiles the templates and connects before it takes its
    first request (apps/core/warmup.py)."""
    from apps.core.warmup import warm_up

    warm_up()
