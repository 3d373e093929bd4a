"""During Operation Smile in Odisha, Odisha's 1098 centre posts a child its team took in and
names the drive by its code: the found report carries it. A drive of another State/UT, one
that ended, or a code no drive has is refused with the field named and nothing filed."""

import pytest

from apps.api.tests.conftest import call, post
from apps.reports.models import Report

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def drives(make_drive, odisha, bihar):
    return {
        "smile": make_drive("Operation Smile", odisha),
        "bihar": make_drive("Operation Bihar", bihar),
        "ended": make_drive("Operation Spring", odisha, days=(-60, -30)),
    }


def found_child(**overrides) -> dict:
    return call(call_id="OD-9", placement="not_placed", **overrides)


def test_the_centre_tags_a_found_child_with_the_running_drive(
    client, childline_odisha, sp_office, drives
):
    _client, headers = childline_odisha

    answer = post(client, headers, found_child(drive="Operation-Smile"), "found-children")

    assert answer.status_code == 201, answer.json()
    assert Report.objects.get().drive == drives["smile"]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("operation-bihar", "Operation Bihar is not running in Odisha, where SP Khordha is."),
        ("operation-spring", "Operation Spring ended on"),
        ("operation-nowhere", "No special drive has the code operation-nowhere."),
    ],
)
def test_a_drive_not_running_where_the_report_goes_is_refused(
    client, childline_odisha, sp_office, drives, code, message
):
    _client, headers = childline_odisha

    answer = post(client, headers, found_child(drive=code), "found-children")

    assert answer.status_code == 400
    body = answer.json()
    assert (body["code"], list(body["fields"])) == ("invalid", ["drive"])
    assert body["fields"]["drive"][0]["message"].startswith(message)
    assert not Report.objects.exists()


def test_no_drive_named_files_an_untagged_report(client, childline_odisha, sp_office, drives):
    _client, headers = childline_odisha

    answer = post(client, headers, found_child(drive=""), "found-children")

    assert answer.status_code == 201
    assert Report.objects.get().drive is None
