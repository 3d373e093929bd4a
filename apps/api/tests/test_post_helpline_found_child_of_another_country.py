"""Odisha's 1098 centre takes in a girl from Nepal at Bhubaneswar station and says so: the found
report carries her nationality and she is flagged for repatriation. A code that is no country is
refused with the field named and nothing filed; a centre that does not know files her as "not
known"."""

import pytest

from apps.api.tests.conftest import call, post
from apps.reports.models import Report

pytestmark = pytest.mark.django_db(transaction=True)


def found_child(**overrides) -> dict:
    return call(call_id="OD-NP-1", placement="not_placed", **overrides)


def test_the_centre_files_a_girl_from_nepal_flagged_for_repatriation(
    client, childline_odisha, sp_office
):
    _client, headers = childline_odisha

    answer = post(client, headers, found_child(nationality="NP"), "found-children")

    assert answer.status_code == 201, answer.json()
    report = Report.objects.get()
    assert report.nationality == "NP"
    assert report.is_foreign_national


def test_a_nationality_not_given_is_not_known(client, childline_odisha, sp_office):
    _client, headers = childline_odisha

    answer = post(client, headers, found_child(), "found-children")

    assert answer.status_code == 201, answer.json()
    report = Report.objects.get()
    assert (report.nationality, report.is_foreign_national) == ("", False)


def test_a_code_that_is_no_country_is_refused(client, childline_odisha, sp_office):
    _client, headers = childline_odisha

    answer = post(client, headers, found_child(nationality="Nepal"), "found-children")

    assert answer.status_code == 400
    body = answer.json()
    assert (body["code"], list(body["fields"])) == ("invalid", ["nationality"])
    assert "Nepal" in body["fields"]["nationality"][0]["message"]
    assert not Report.objects.exists()
