from pathlib import Path
from time import perf_counter

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from apps.alerts.receivers import alerts_muted
from apps.directory.models import State
from apps.matching.services import match_report
from apps.portal.demo import reports as demo
from apps.portal.demo.care import seed_children_in_care, seed_children_in_care_at_scale
from apps.portal.demo.casework import seed_casework
from apps.portal.demo.units import DEMO_PASSWORD, seed_demo, seed_units_in_every_district
from apps.reports.models import Report

DEMO_REPORTS = 3000
DEMO_SEED = 2026


class Command(BaseCommand):
    help = (
        "Create demo units in a few real districts, one demo login per role, and a few thousand "
        "demo missing and found child reports."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even though DJANGO_DEBUG is off (never on a live portal).",
        )
        parser.add_argument(
            "--reports",
            type=int,
            default=DEMO_REPORTS,
            metavar="N",
            help=f"Add demo reports until the database holds N reports (default {DEMO_REPORTS}); "
            "running the command again adds none.",
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=None,
            metavar="N",
            help="Add exactly N more demo reports however many there are, for benchmarks "
            "(instead of --reports), and print how fast they went in.",
        )
        parser.add_argument(
            "--in-every-district",
            action="store_true",
            help="First create a demo police station and children's home in every district "
            "that has none, so that --scale reports spread over all of India (benchmarks).",
        )
        parser.add_argument(
            "--children-in-care",
            type=int,
            default=0,
            metavar="N",
            help="Admit N more found children to Child Care Institutions in one statement, "
            "two in three with a care plan (benchmarks; after --scale).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEMO_SEED,
            help="Random seed of the demo reports; a later batch adds the number of reports "
            f"already there to it, so it differs from the first (default {DEMO_SEED}).",
        )

    def handle(
        self,
        *args,
        allow_production,
        reports,
        scale,
        in_every_district,
        children_in_care,
        seed,
        **options,
    ):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Refusing to create demo logins with DJANGO_DEBUG off; "
                "pass --allow-production if this really is a demo server."
            )
        if min(reports, scale or 0) < 0:
            raise CommandError("The number of reports cannot be negative.")
        if not State.objects.exists():
            call_command("load_lgd", stdout=self.stdout)
        logins = seed_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD})"))
        width = max(len(login.username) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.username.ljust(width)}  {login.roles} — {login.unit}")
        self.stdout.write(
            "National, state and district officials are asked to set up an authenticator app "
            "(two-factor sign-in) at their first sign-in."
        )
        if in_every_district:
            created = seed_units_in_every_district()
            self.stdout.write(f"Demo units in every district: {created:,} created.")
        with alerts_muted():
            self._seed_reports(reports=reports, scale=scale, seed=seed)
            if scale is None:
                admitted = seed_children_in_care()
                self.stdout.write(f"Demo children in care: {admitted} admitted (see /care/).")
                self._seed_casework()
        if children_in_care > 0:
            started = perf_counter()
            admitted = seed_children_in_care_at_scale(children_in_care)
            self.stdout.write(
                f"Admitted {admitted:,} more children to care in {perf_counter() - started:.1f} s."
            )

    def _seed_reports(self, *, reports: int, scale: int | None, seed: int) -> None:
        existing = Report.objects.count()
        wanted = scale if scale is not None else max(0, reports - existing)
        started = perf_counter()
        summary = demo.seed_demo_reports(wanted, seed=seed + existing)
        elapsed = perf_counter() - started
        if scale is not None:
            rate = wanted / elapsed if elapsed else 0
            self.stdout.write(
                f"Created {wanted:,} reports in {elapsed:.1f} s ({rate:,.0f} reports a second)."
            )
        self.stdout.write(
            f"Demo reports: {summary.missing:,} missing and {summary.found:,} found created, "
            f"with {len(summary.true_pairs):,} true missing/found pairs"
            f"{f' (listed in {_shown(demo.TRUE_PAIRS_CSV)})' if summary.true_pairs else ''}; "
            f"{existing + wanted:,} reports in all."
        )
        if scale is None and summary.true_pairs:
            self._match_true_pairs(summary.true_pairs)

    def _seed_casework(self) -> None:
        casework = seed_casework()
        shown = (
            f"special drive {casework.drive.code} (see /drives/), "
            f"{casework.grievances} grievances (see /grievances/)"
        )
        girl = casework.repatriation
        if girl is not None:
            shown += (
                f", a child of another country (see {girl.get_absolute_url()} "
                f"and /repatriation/found/{girl.pk}/)"
            )
        self.stdout.write(f"Demo casework: {shown}.")

    def _match_true_pairs(self, pairs) -> None:
        """Run the engine on the demo's found children so the review queue has pairs to show;
        the rest are matched by the nightly job, as on a live portal."""
        proposed = sum(len(match_report(found_id)) for _missing_id, found_id in pairs)
        self.stdout.write(f"Matching proposed {proposed:,} pairs for review (see /matches/).")


def _shown(path: Path) -> str:
    """A path relative to the project, when it is in it."""
    try:
        return str(path.relative_to(settings.BASE_DIR))
    except ValueError:
        return str(path)
