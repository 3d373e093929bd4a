from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from apps.core.demo import DEMO_PASSWORD, seed_demo
from apps.directory.models import State


class Command(BaseCommand):
    help = "Create demo units in a few real districts and one demo login per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even though DJANGO_DEBUG is off (never on a live portal).",
        )

    def handle(self, *args, allow_production, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "Refusing to create demo logins with DJANGO_DEBUG off; "
                "pass --allow-production if this really is a demo server."
            )
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
