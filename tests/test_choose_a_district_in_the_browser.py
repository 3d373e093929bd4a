"""In a browser with scripts, an officer choosing a State/UT on the search page at once gets that
State/UT's districts to choose from, fetched from the directory, and searches one of them."""

import pytest
from playwright.sync_api import expect

from tests.test_every_page_is_accessible import browser, signed_in_page  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_choosing_a_state_fills_the_district_list(
    browser,  # noqa: F811
    live_server,
    officer,
    odisha,
    bihar,
    khordha,
    cuttack,
    patna,
):
    page = signed_in_page(browser, live_server, officer)
    page.goto(f"{live_server.url}/reports/")
    districts = page.locator("#id_district option")
    assert districts.all_inner_texts() == ["---------"]

    page.select_option("#id_state", label="Odisha")
    expect(districts).to_have_text(["---------", "Cuttack", "Khordha"])

    page.select_option("#id_state", label="Bihar")
    expect(districts).to_have_text(["---------", "Patna"])

    page.select_option("#id_district", label="Patna")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_load_state()
    assert f"district={patna.pk}" in page.url
    assert page.locator("#id_district").input_value() == str(patna.pk)
