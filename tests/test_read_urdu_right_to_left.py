"""In a real browser, an official or a family reading Urdu gets the pages laid out right to
left (Bootstrap's RTL stylesheet on the portal, the Khoya-Paya stylesheet's logical sides), and
English readers left to right, as before."""

import pytest
from django.utils import translation

from tests.test_every_page_is_accessible import browser, signed_in_page  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

WIDE = {"width": 1280, "height": 800}  # the menu is laid out in a row, not collapsed


@pytest.fixture
def with_urdu(settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("ur", "Urdu")]


def read_in(page, live_server, language, path):
    page.set_viewport_size(WIDE)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}{path}")
    return page.locator("html").get_attribute("dir"), page.locator("html").get_attribute("lang")


@pytest.mark.parametrize(("language", "direction"), [("ur", "rtl"), ("en", "ltr")])
def test_a_police_officer_reads_the_portal_in_the_direction_of_the_language(
    browser,  # noqa: F811
    live_server,
    officer,
    with_urdu,
    language,
    direction,
):
    page = signed_in_page(browser, live_server, officer)

    assert read_in(page, live_server, language, "/") == (direction, language)

    stylesheet = page.locator("link[href*='vendor/bootstrap/']").get_attribute("href")
    assert stylesheet.endswith(
        "bootstrap.rtl.min.css" if direction == "rtl" else "bootstrap.min.css"
    )
    brand = page.locator(".navbar-brand").bounding_box()
    menu = page.locator("#main-nav").bounding_box()
    if direction == "rtl":
        assert brand["x"] >= menu["x"] + menu["width"] - 1, (brand, menu)
    else:
        assert brand["x"] + brand["width"] <= menu["x"] + 1, (brand, menu)


@pytest.mark.parametrize(("language", "direction"), [("ur", "rtl"), ("en", "ltr")])
def test_a_family_reads_khoya_paya_in_the_direction_of_the_language(
    browser,  # noqa: F811
    live_server,
    with_urdu,
    language,
    direction,
):
    page = browser.new_context().new_page()

    assert read_in(page, live_server, language, "/khoya-paya/") == (direction, language)

    brand = page.locator("header > a").first.bounding_box()
    switcher = page.locator("header form").bounding_box()
    if direction == "rtl":
        assert brand["x"] > switcher["x"] + switcher["width"], (brand, switcher)
    else:
        assert brand["x"] + brand["width"] < switcher["x"], (brand, switcher)


@pytest.mark.parametrize("code", ["ur", "ks", "sd"])
def test_kashmiri_and_sindhi_are_right_to_left_as_urdu_is(code):
    assert translation.get_language_info(code)["bidi"] is True
    with translation.override(code):
        assert translation.get_language_bidi() is True


def test_django_names_every_scheduled_language_in_its_own_script():
    assert translation.get_language_info("or")["name_local"] == "ଓଡ଼ିଆ"
    assert translation.get_language_info("kn")["name_local"] == "ಕನ್ನಡ"  # Django's: "Kannada"
    assert translation.get_language_info("sat")["name_local"] == "ᱥᱟᱱᱛᱟᱲᱤ"
