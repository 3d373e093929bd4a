"""What a transactional test leaves behind for the next test (tests/empty_tables.py): every
model's table empty, as after Django's flush, and the content types and permissions as they
were."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from tests.empty_tables import empty_filled_tables

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_tables_a_test_filled_are_emptied_and_the_content_types_kept(officer, file_missing):
    file_missing(officer)
    kept = (set(ContentType.objects.values_list("pk", flat=True)), Permission.objects.count())

    emptied = empty_filled_tables(connection)

    assert {"reports_report", "accounts_user", "directory_unit", "directory_state"} <= set(emptied)
    left = [
        model._meta.label
        for model in apps.get_models(include_auto_created=True)
        if model not in (ContentType, Permission) and model._base_manager.exists()
    ]
    assert left == []
    assert (set(ContentType.objects.values_list("pk", flat=True)), Permission.objects.count()) == (
        kept
    )
