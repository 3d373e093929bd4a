from django.core.management.base import BaseCommand, CommandError

from apps.matching.engine.speed import run


class Command(BaseCommand):
    help = (
        "Match new reports against N synthetic open reports held by the engine in memory; print "
        "per-report matching latency (p50, p95), face-search latency and peak memory."
    )
    # The benchmark needs no database, so it runs even where none is configured.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=1_000_000)
        parser.add_argument("--queries", type=int, default=200)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, records, queries, seed, **options):
        if records < 1 or queries < 1:
            raise CommandError("--records and --queries must be at least 1.")
        run(records=records, queries=queries, seed=seed, report=self.stdout.write)
