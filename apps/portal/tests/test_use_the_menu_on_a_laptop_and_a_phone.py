"""In a real browser: the official with every role and a long name finds the whole menu on
one line of a 1280-pixel laptop screen, each group opening on a click; on a phone the menu
folds behind one button that opens it."""

import shutil
from pathlib import Path

import pytest
from django.test import Client

from apps.accounts.models import Role
from conftest import sign_in_verified

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="needs the system's Chromium (apt install chromium)"
    ),
]
TOP_LEVEL = "#main-nav > ul > li"


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's event loop shares this thread with the test's own database reads.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def everything(make_official, ministry):
    """Every role, staff of the ministry, and a name longer than most."""
    return make_official(
        "everything",
        *Role.values,
        unit=ministry,
        is_staff=True,
        first_name="Venkatalakshmi",
        last_name="Raghunathan-Subramanian",
    )


def signed_in_page(browser, live_server, official, **device):
    """A browser page already signed in (with two factors) as `official`."""
    client = Client()
    sign_in_verified(client, official)
    context = browser.new_context(**device)
    session = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    return page


def test_on_a_laptop_the_whole_menu_is_one_line(browser, live_server, everything):
    page = signed_in_page(browser, live_server, everything, viewport={"width": 1280, "height": 800})

    boxes = page.eval_on_selector_all(
        TOP_LEVEL,
        "items => items.map(i => { const box = i.getBoundingClientRect();"
        " return [i.innerText.trim(), box.top, box.bottom, box.right]; })",
    )
    labels = [label for label, *_box in boxes]
    assert labels[:6] == [
        "Directory",
        "Missing & found",
        "Children in care",
        "Work",
        "Figures",
        "Admin",
    ]
    assert len(boxes) == 8  # and the account and the language
    # One line: every item starts above the point where the first of them ends.
    assert max(top for _l, top, _b, _r in boxes) < min(bottom for _l, _t, bottom, _r in boxes)
    assert max(right for *_box, right in boxes) <= 1280
    assert page.locator("nav.navbar").bounding_box()["height"] < 70
    assert page.locator(".navbar-toggler").is_hidden()

    page.get_by_role("button", name="Admin").click()
    page.locator("#main-nav").get_by_role("link", name="Access log").click()
    page.wait_for_url("**/audit/**")


def test_on_a_phone_the_menu_folds_behind_one_button(browser, live_server, everything):
    page = signed_in_page(
        browser,
        live_server,
        everything,
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
    )

    assert page.locator("#main-nav").is_hidden()
    page.get_by_role("button", name="Show menu").click()
    page.get_by_role("button", name="Work").click()
    page.locator("#main-nav").get_by_role("link", name="Overdue work").click()
    page.wait_for_url("**/compliance/")


def test_without_scripts_the_menu_shows_open_and_each_group_leads_to_its_first_page(
    browser, live_server, everything
):
    page = signed_in_page(
        browser,
        live_server,
        everything,
        viewport={"width": 360, "height": 740},
        java_script_enabled=False,
    )

    assert page.locator("#main-nav").is_visible()
    work = page.locator("#main-nav").get_by_role("button", name="Work")
    work.focus()
    assert page.locator("#main-nav").get_by_role("link", name="Overdue work").is_visible()
    work.click()
    page.wait_for_url("**/matches/")
