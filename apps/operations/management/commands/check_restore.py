from django.core.management.base import BaseCommand, CommandError

from apps.operations import restore_check


class Command(BaseCommand):
    help = (
        "Checks a restored database and media folder: prints the key tables' counts, checks "
        "that every file the database names is in MEDIA_ROOT and readable (photos as images) "
        "and opens a report as a national administrator. Exits non-zero listing any problem."
    )

    def handle(self, *args, **options):
        for label, count in restore_check.table_counts().items():
            self.stdout.write(f"{label:<28} {count:>10}")
        problems = restore_check.file_problems() + restore_check.report_problems()
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(problems)} problem(s) in the restored copy.")
        self.stdout.write(self.style.SUCCESS("The restored copy is whole."))
