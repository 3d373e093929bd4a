"""In a real browser on a phone-sized screen: a passer-by reports a child on a platform, with a
photo, and gets a reference; the police station then finds the sighting in its queue."""

import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from apps.citizens.tests.conftest import last_code
from conftest import STRONG_PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="needs the system's Chromium (apt install chromium)"
    ),
]


@pytest.fixture
def phone(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's event loop shares this thread with the test's own database reads.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(
            viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
        )
        yield context.new_page()
        browser.close()


def test_a_passer_by_reports_a_child_from_a_phone_and_the_station_sees_it(
    live_server, phone, khordha, capital_ps, officer, tmp_path
):
    photo = tmp_path / "platform.jpg"
    Image.new("RGB", (480, 640), "teal").save(photo)
    weights = []
    phone.on("response", lambda response: weights.append(len(response.body())))

    phone.goto(f"{live_server.url}/khoya-paya/")
    assert sum(weights) < 150 * 1024  # the first load, on a slow connection
    phone.get_by_text("I have seen a child").click()
    phone.select_option("#id_state", label="Odisha")
    phone.select_option("#id_district", label="Khordha")
    phone.get_by_role("button", name="Continue").click()
    phone.fill("#id_event_locality", "Bhubaneswar station, platform 3")
    phone.select_option("#id_sex", "F")
    phone.fill("#id_age", "11")
    phone.fill("#id_description", "Girl in a blue school uniform, alone and crying")
    phone.select_option("#id_police_station", label="Capital PS")
    phone.set_input_files("#id_photo_upload", str(photo))
    phone.fill("#id_reporter_name", "Anil Das")
    phone.fill("#id_reporter_mobile", "94370 12345")
    # Nothing to type: the page's script proves a person's browser is sending the form.
    phone.get_by_role("status").filter(has_text="Check done").wait_for()
    assert phone.locator("#id_captcha_1").is_hidden()
    phone.fill("#id_event_at", "2026-11-23T08:30")
    phone.get_by_role("button", name="Send").click()
    phone.fill("#id_code", last_code())
    phone.get_by_role("button", name="Confirm").click()

    reference = phone.locator(".reference").inner_text().strip()
    assert re.fullmatch(r"KP[0-9A-Z]{8}", reference)
    phone.goto(f"{live_server.url}/accounts/login/")
    phone.fill("#id_username", officer.username)
    phone.fill("#id_password", STRONG_PASSWORD)
    phone.press("#id_password", "Enter")
    phone.goto(f"{live_server.url}/citizen-reports/")
    assert reference in phone.content()
