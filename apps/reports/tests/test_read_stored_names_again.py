"""After an upgrade that reads names in more scripts, the reports already stored are read again
(migration 0006), so a child whose FIR was filed in Urdu before the upgrade is found by a name
typed in Latin letters after it."""

import importlib

import pytest
from django.apps import apps

from apps.matching.models import CandidateKey
from apps.names.keys import name_forms, name_keys
from apps.reports.models import Report

pytestmark = pytest.mark.django_db

migration = importlib.import_module("apps.reports.migrations.0006_name_keys_for_every_script")


@pytest.fixture
def filed_before_the_upgrade(officer, file_missing):
    """Ayesha's FIR, in Urdu, with the keys the portal gave it then: none for her name."""
    report = file_missing(officer, full_name="عائشہ", other_names="Ayu", name_local="")
    Report.objects.filter(pk=report.pk).update(name_keys=["a"], name_forms=["ayu"])
    return report


def test_stored_reports_get_the_keys_of_their_names_in_every_script(filed_before_the_upgrade):
    migration.read_names_again(apps, schema_editor=None)

    filed_before_the_upgrade.refresh_from_db()
    assert filed_before_the_upgrade.name_keys == name_keys("Ayesha", "Ayu")
    assert filed_before_the_upgrade.name_forms == name_forms("عائشہ", "Ayu")
    # The matching triggers followed, so the report is a candidate for a girl called Ayesha.
    keys = CandidateKey.objects.filter(report_id=filed_before_the_upgrade.pk)
    assert set(name_keys("Ayesha")) <= set(keys.values_list("key", flat=True))


def test_reports_already_read_so_are_left_as_they_are(officer, file_missing):
    report = file_missing(officer, full_name="Priya Sahu")
    stored = Report.objects.values("name_keys", "name_forms", "updated_at").get(pk=report.pk)

    migration.read_names_again(apps, schema_editor=None)

    assert Report.objects.values("name_keys", "name_forms", "updated_at").get(pk=report.pk) == (
        stored
    )
