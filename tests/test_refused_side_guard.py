"""Every URL that names a record has tests showing that outsiders of all three kinds are refused.

A new id-taking URL fails here until tests request it as an official of another unit, another
district and another State/UT, are refused (or shown only the tracing summary) and say so with
`@pytest.mark.refused_side(...)`; tests/refused_side.py checks that the marked tests really were.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import refused_side, request_record
from tests.refused_side import OUTSIDERS, id_taking_urls

ROOT = Path(__file__).resolve().parent.parent

# Id-taking URLs that are not one jurisdiction's records, each with the reason.
NOT_OBJECT_SCOPED_NAMESPACES = {
    # Django admin opens only for the national administrator (superuser, staff, two factors;
    # apps/accounts/tests/test_open_admin.py): there is no outsider of a jurisdiction.
    "admin",
}
NOT_OBJECT_SCOPED = {
    # The public directory: every unit, district and State/UT with its phone numbers is meant to
    # be found by anyone; only the list of a unit's officials is restricted (accounts).
    "directory:state",
    "directory:district",
    "directory:unit",
    "directory:state_districts",
    # The key of a CAPTCHA challenge: a random, short-lived token any visitor asks for.
    "captcha-image",
    "captcha-image-2x",
    "captcha-audio",
    # A signed, single-use token from a reset e-mail; Django checks it, not a jurisdiction.
    "accounts:password_reset_confirm",
    # The blank spreadsheet template of a report kind and file format, the same for everyone.
    "bulk:template",
    # The public form for a kind of citizen report (missing or sighting), not a record.
    "citizens:report",
}

# Id-taking URLs where one kind of outsider cannot exist, with the reason.
NO_SUCH_OUTSIDER = {
    # API keys belong to a district, a State/UT or the nation, never to one unit.
    "api:report": {"another_unit"},
    "api:pfif_import": {"another_unit"},
    # A special drive covers whole States/UTs: an official of another district of a State/UT
    # it covers opens it and sees only their own district's figures of it
    # (apps/dashboards/tests/test_drive_figures.py).
    "dashboards:drive": {"another_district"},
}


def test_every_id_taking_url_is_tested_from_the_refused_side(tmp_path):
    markers = _collected_markers(tmp_path / "markers.json")
    assert not markers["malformed"], markers["malformed"]
    covered = {}
    for found in markers["markers"].values():
        for marker in found:
            covered.setdefault(marker["url_name"], set()).update(marker["outsiders"])
    missing = {
        name: sorted(uncovered)
        for name in sorted(id_taking_urls())
        if not _allowed(name)
        and (uncovered := OUTSIDERS - NO_SUCH_OUTSIDER.get(name, set()) - covered.get(name, set()))
    }
    assert not missing, "id-taking URLs without refusal tests for: " + "; ".join(
        f"{name} ({', '.join(kinds)})" for name, kinds in missing.items()
    )


def test_the_allow_list_names_only_real_id_taking_urls():
    urls = id_taking_urls()
    assert set(NOT_OBJECT_SCOPED) | set(NO_SUCH_OUTSIDER) <= set(urls)
    assert all(
        any(name.startswith(f"{ns}:") for name in urls) for ns in NOT_OBJECT_SCOPED_NAMESPACES
    )


def _allowed(name: str) -> bool:
    return name in NOT_OBJECT_SCOPED or name.split(":")[0] in NOT_OBJECT_SCOPED_NAMESPACES


def _collected_markers(output: Path) -> dict:
    """Collect the whole suite (running nothing) in a fresh pytest, so this works when run alone."""
    started = time.monotonic()
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            f"--refused-side-markers={output}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    # Collection imports every test module; keep it well below a test run's patience.
    assert time.monotonic() - started < 30
    return json.loads(output.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "marker",
    [
        pytest.mark.refused_side("reports:search", "another_unit"),  # takes no id
        pytest.mark.refused_side("reports:nowhere", "another_unit"),
        pytest.mark.refused_side("reports:detail"),
        pytest.mark.refused_side("reports:detail", "another_country"),
        pytest.mark.refused_side("reports:detail", "another_unit", summry=True),
    ],
)
def test_a_malformed_marker_is_refused(marker):
    with pytest.raises(ValueError, match="refused_side"):
        refused_side.parse(marker.mark)


REPORT = {"view_name": "reports:detail", "kwargs": {"pk": 7}}


@pytest.mark.parametrize(
    ("status_code", "location", "summary", "refused"),
    [
        (404, "", False, True),
        (403, "", False, True),
        (200, "", False, False),
        (200, "", True, True),
        # The owner is told the same: no sign that the outsider was kept out.
        (405, "", False, False),
        (401, "", False, False),
        (302, "/reports/", False, True),
        (302, "/reports/7/history/", False, False),
        (302, "/reports/8/", False, True),
    ],
)
def test_only_a_refusing_answer_satisfies_the_marker(status_code, location, summary, refused):
    marker = refused_side.RefusedSide("reports:detail", ("another_unit",), summary)
    answer = request_record.Answer(
        **REPORT, status_code=status_code, location=location, signed_in=True
    )
    other_url = request_record.Answer("reports:history", {"pk": 7}, 404, "", signed_in=True)
    assert refused_side.was_refused(marker, [other_url, answer]) is refused


def test_a_visitor_sent_to_sign_in_is_not_a_refused_outsider():
    marker = refused_side.RefusedSide("reports:detail", ("another_unit",), False)
    visitor = request_record.Answer(
        **REPORT, status_code=302, location="/accounts/login/", signed_in=False
    )
    assert not refused_side.was_refused(marker, [visitor])


def test_the_recorder_sees_the_resolved_url_and_the_final_answer(client, patna_officer):
    request_record.start()
    try:
        client.get("/reports/1/")
        client.force_login(patna_officer)
        client.get("/reports/999999/")
        client.get("/reports/")
    finally:
        answers = request_record.stop()

    assert [(a.view_name, a.status_code, a.signed_in) for a in answers] == [
        ("reports:detail", 302, False),
        ("reports:detail", 404, True),
        ("reports:search", 200, True),
    ]
    assert answers[1].kwargs == {"pk": 999999}
