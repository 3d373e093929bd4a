"""In a real browser: the police officer watches the bar of their upload move as the worker checks
rows, and is offered the results when it is done; the page never reloads on its own, and the
script breaks no rule of the Content Security Policy."""

import pytest

from apps.bulk.models import Upload, UploadStatus

# The system's Chromium, skipped without it, on a live server with a real database.
from apps.portal.tests.test_use_the_menu_on_a_laptop_and_a_phone import (
    browser,  # noqa: F401 (a fixture)
    pytestmark,  # noqa: F401
    signed_in_page,
)

# The script asks every 4 seconds; give it a few rounds on a busy machine.
WAIT_MS = 20_000


@pytest.fixture
def halfway(officer):
    return Upload.objects.create(
        kind="missing",
        unit=officer.unit,
        uploaded_by=officer,
        language="en",
        file="bulk/children.csv",
        file_name="children.csv",
        sha256="0" * 64,
        status=UploadStatus.PROCESSING,
        rows_total=5,
        rows_done=2,
    )


def test_the_bar_moves_and_the_results_are_offered_without_a_reload(
    browser,  # noqa: F811
    live_server,
    officer,
    halfway,
):
    page = signed_in_page(browser, live_server, officer)
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/bulk/{halfway.pk}/")
    page.evaluate("window.notReloaded = true")
    assert page.eval_on_selector("#work-progress", "bar => [bar.value, bar.max]") == [2, 5]

    Upload.objects.filter(pk=halfway.pk).update(rows_done=4)
    # (Setting a bar's value sets its attribute; waiting on a function would need eval, which the
    # Content Security Policy refuses.)
    page.wait_for_selector('#work-progress[value="4"]', timeout=WAIT_MS)
    assert "4 of 5 rows checked" in page.inner_text("[role=status]")

    Upload.objects.filter(pk=halfway.pk).update(status=UploadStatus.DONE, rows_done=5)
    page.wait_for_selector("text=Show the results", timeout=WAIT_MS)

    assert page.eval_on_selector("#work-progress", "bar => bar.value") == 5
    assert page.inner_text("[role=status]").strip() == "Processed"
    assert page.evaluate("window.notReloaded") is True
    assert refused == []
