"""Reports filed before consent records had a yes/no flag: the migration gives each flagged
report records for what the flag covered, saying who gave it is not known."""

import importlib

import pytest
from django.apps import apps as django_apps

from apps.reports.choices import ConsentPurpose
from apps.reports.models import Consent, Report

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "apps.reports.migrations.0012_publication_flags_become_consent_records"
)


def test_each_flagged_report_gets_publication_and_partner_records_once(officer, file_missing):
    flagged = file_missing(officer, full_name="Priya Sahu")
    unflagged = file_missing(officer, fir_number="113/2026", publication_consent=None)
    old = file_missing(officer, fir_number="114/2026", publication_consent=None)
    # A report as it stood before the records: the flag alone.
    Report.objects.filter(pk=old.pk).update(publication_consent=True)

    migration.records_from_flags(django_apps)
    migration.records_from_flags(django_apps)  # run twice: nothing doubled

    moved = Consent.objects.filter(report=old)
    assert {c.purpose for c in moved} == {
        ConsentPurpose.PUBLICATION,
        ConsentPurpose.PARTNER_SHARING,
    }
    assert all(
        (c.given_by_kind, c.given_by_name, c.method, c.given_at, c.recorded_by)
        == ("unknown", "recorded before consent records", "form", old.created_at, None)
        for c in moved
    )
    assert not Consent.objects.filter(report=unflagged).exists()
    assert Consent.objects.filter(report=flagged).count() == 2  # filed with records already
