"""A visitor opens the portal and sees what it is for and where to go next."""

import datetime

import pytest

from apps.directory.models import District

pytestmark = pytest.mark.django_db


def test_home_page_offers_the_directory_and_sign_in(client, khordha):
    page = client.get("/").content.decode()
    assert 'href="#main"' in page
    assert "/directory/" in page
    assert "/accounts/login/" in page
    assert "1098" in page


def test_home_page_counts_active_units_and_current_districts(
    client, khordha, cuttack, bihar, make_unit
):
    make_unit(district=khordha)
    make_unit(district=cuttack)
    make_unit(district=khordha, is_active=False)
    District.objects.filter(pk=cuttack.pk).update(retired_on=datetime.date(2026, 1, 1))

    page = client.get("/").content.decode()

    assert "The directory lists 2 units in 1 districts of 2 States" in page
