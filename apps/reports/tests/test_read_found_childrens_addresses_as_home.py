"""Found reports filed before the family's address counted as the child's home: the migration
adds the address's districts to each one's home, and matching finds her by them at once."""

import importlib

import pytest
from django.db import connection

from apps.matching.models import CandidateKey
from apps.matching.tests.test_propose_matches import found_in_patna
from apps.reports.models import Report

pytestmark = pytest.mark.django_db

migration = importlib.import_module("apps.reports.migrations.0020_found_homes_from_addresses")


def run_migration():
    with connection.cursor() as cursor:
        cursor.execute(migration.FOUND_HOMES_WITH_ADDRESSES)


def test_a_found_childs_home_takes_in_her_familys_address(
    file_found, officer, bihar, patna, odisha, khordha, file_missing
):
    with_address = found_in_patna(
        file_found,
        officer,
        bihar,
        patna,
        told_home_place="Patna",
        permanent_state=odisha.pk,
        permanent_district=khordha.pk,
    )
    without = found_in_patna(file_found, officer, bihar, patna, told_home_place="Patna")
    missing = file_missing(officer)
    # As they were stored before: the home from her words alone.
    Report.objects.filter(pk__in=[with_address.pk, without.pk]).update(home_district_ids=[patna.pk])
    Report.objects.filter(pk=missing.pk).update(home_district_ids=[])

    run_migration()
    run_migration()  # twice: nothing doubled

    homes = dict(Report.objects.values_list("pk", "home_district_ids"))
    assert homes[with_address.pk] == sorted([patna.pk, khordha.pk])
    assert homes[without.pk] == [patna.pk]
    assert homes[missing.pk] == []  # a missing report's home is kept as its own columns give it
    postings = CandidateKey.objects.filter(report_id=with_address.pk, key__startswith="h:")
    assert set(postings.values_list("key", flat=True)) == {f"h:{patna.pk}", f"h:{khordha.pk}"}
