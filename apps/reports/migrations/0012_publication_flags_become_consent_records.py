"""Each report whose publication flag was set gets consent records for what the flag covered:
publication (Khoya-Paya, notices) and sharing with partner portals (the PFIF export kept to the
flag). Who gave it was never recorded, so the records say so."""

from django.db import migrations

FLAG_PURPOSES = ("publication", "partners")
BEFORE_RECORDS = "recorded before consent records"
BATCH = 2000


def records_from_flags(apps, schema_editor=None):
    Report = apps.get_model("reports", "Report")
    Consent = apps.get_model("reports", "Consent")
    flagged = (
        Report.objects.filter(publication_consent=True)
        .exclude(consents__isnull=False)
        .values_list("pk", "created_at")
        .order_by("pk")
    )
    batch = []
    for pk, created_at in flagged.iterator(chunk_size=BATCH):
        batch.extend(
            Consent(
                report_id=pk,
                purpose=purpose,
                given_by_kind="unknown",
                given_by_name=BEFORE_RECORDS,
                method="form",
                given_at=created_at,
            )
            for purpose in FLAG_PURPOSES
        )
        if len(batch) >= BATCH:
            Consent.objects.bulk_create(batch)
            batch = []
    Consent.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [("reports", "0011_consent_records")]

    operations = [migrations.RunPython(records_from_flags, migrations.RunPython.noop)]
