"""A visitor opens the portal and sees what it is for and where to go next."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_page_offers_the_directory_and_sign_in(client, khordha):
    page = client.get("/").content.decode()
    assert 'href="#main"' in page
    assert "/directory/" in page
    assert "/accounts/login/" in page
    assert "1098" in page
