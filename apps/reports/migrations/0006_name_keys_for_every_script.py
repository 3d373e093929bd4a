"""Name keys and forms read again for the reports already stored.

apps.names now reads Urdu, Kashmiri and Sindhi (Perso-Arabic), Manipuri (Meitei Mayek) and
Santali (Ol Chiki), letters it used to drop (Malayalam chillus, candra vowels, the Assamese wa),
the anusvara as English spells it, and keys every first vowel as "a". Names stored before got
no keys or other keys than the same names filed now, so a new report would miss them. The
matching triggers refresh the candidate keys of every report changed here.
"""

from django.db import migrations

from apps.names.keys import name_forms, name_keys

BATCH = 2000


def read_names_again(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    changed = []
    reports = Report.objects.only("full_name", "other_names", "name_local", "name_keys", "name_forms")
    for report in reports.order_by("pk").iterator(chunk_size=BATCH):
        names = (report.full_name, report.other_names, report.name_local)
        keys, forms = name_keys(*names), name_forms(*names)
        if keys != report.name_keys or forms != report.name_forms:
            report.name_keys, report.name_forms = keys, forms
            changed.append(report)
        if len(changed) >= BATCH:
            Report.objects.bulk_update(changed, ["name_keys", "name_forms"])
            changed = []
    Report.objects.bulk_update(changed, ["name_keys", "name_forms"])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_report_version"),
        # The triggers that keep the candidate keys in step with name_keys.
        ("matching", "0002_candidate_keys"),
    ]

    operations = [migrations.RunPython(read_names_again, migrations.RunPython.noop)]
