"""A police officer anywhere in India sees each new missing child of the country, newest first,
on the feed and on their home page, and narrows it to their State/UT, the neighbouring ones,
suspected trafficking or children last seen at a railway station or bus stand. The child's photo
is shown only where the family consented. Child protection and care staff, and the public, do not
get the feed."""

import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.core.images import clean_photo
from apps.directory.models import District, State, UnitType
from apps.reports.tests.fixtures import photo_upload
from conftest import sign_in_verified

pytestmark = pytest.mark.django_db

FEED = reverse("reports:national_feed")


@pytest.fixture
def kerala(db):
    return State.objects.create(lgd_code=32, name_en="Kerala", kind="S")


@pytest.fixture
def tamil_nadu(kerala):
    state = State.objects.create(lgd_code=33, name_en="Tamil Nadu", kind="S")
    state.neighbours.add(kerala)
    return state


@pytest.fixture
def kerala_officer(make_unit, make_official, kerala):
    ernakulam = District.objects.create(lgd_code=549, name_en="Ernakulam", state=kerala)
    station = make_unit(UnitType.POLICE_STATION, district=ernakulam, name="Ernakulam Town PS")
    return make_official("si_ernakulam", Role.POLICE_OFFICER, unit=station)


@pytest.fixture
def missing_in_bihar(file_missing, patna_officer, bihar, patna):
    return file_missing(
        patna_officer,
        full_name="Sonu Kumar",
        event_state=bihar.pk,
        event_district=patna.pk,
        event_locality="Patna Junction",
    )


def file_in(file_missing, official, state, district_name, **overrides):
    district = District.objects.create(
        lgd_code=state.lgd_code * 1000 + District.objects.count(),
        name_en=district_name,
        state=state,
    )
    return file_missing(
        official,
        event_state=state.pk,
        event_district=district.pk,
        fir_number=f"{district.lgd_code}/2026",
        **overrides,
    )


def feed_as(client, official, **filters):
    sign_in_verified(client, official)
    response = client.get(FEED, filters)
    assert response.status_code == 200
    return response.content.decode()


def test_an_officer_in_kerala_sees_a_child_missing_in_bihar(
    client, kerala_officer, missing_in_bihar
):
    page = feed_as(client, kerala_officer)

    assert "Sonu Kumar" in page
    assert missing_in_bihar.case_number in page
    assert "Kotwali PS" in page


def test_the_newest_report_comes_first(client, kerala_officer, missing_in_bihar, file_missing):
    later = file_missing(kerala_officer, full_name="Anu Joseph", fir_number="7/2026")

    page = feed_as(client, kerala_officer)

    assert page.index(later.case_number) < page.index(missing_in_bihar.case_number)


def test_the_police_home_page_shows_the_feed(client, kerala_officer, missing_in_bihar):
    sign_in_verified(client, kerala_officer)

    page = client.get("/").content.decode()

    assert "Sonu Kumar" in page
    assert FEED in page


def test_my_state_and_neighbouring_states(
    client, kerala_officer, kerala, tamil_nadu, missing_in_bihar, file_missing
):
    in_kerala = file_in(file_missing, kerala_officer, kerala, "Kollam", full_name="Anu Joseph")
    in_tamil_nadu = file_in(
        file_missing, kerala_officer, tamil_nadu, "Coimbatore", full_name="Karthik Raja"
    )

    mine = feed_as(client, kerala_officer, scope="state")
    near = client.get(FEED, {"scope": "neighbours"}).content.decode()

    assert in_kerala.case_number in mine
    assert in_tamil_nadu.case_number not in mine
    assert missing_in_bihar.case_number not in mine
    assert in_tamil_nadu.case_number in near
    assert in_kerala.case_number not in near
    assert missing_in_bihar.case_number not in near


def test_suspected_trafficking_and_travel_places(
    client, kerala_officer, missing_in_bihar, file_missing, patna_officer
):
    trafficked = file_missing(
        patna_officer, full_name="Rani Devi", fir_number="9/2026", circumstances="kidnapping"
    )
    at_station = file_missing(
        patna_officer, full_name="Guddu", fir_number="10/2026", event_place_kind="railway"
    )
    at_bus_stand = file_missing(
        patna_officer, full_name="Chhotu", fir_number="11/2026", event_place_kind="bus_stand"
    )

    trafficking = feed_as(client, kerala_officer, trafficking="on")
    travel = client.get(FEED, {"travel": "on"}).content.decode()

    assert trafficked.case_number in trafficking
    assert at_station.case_number not in trafficking
    assert missing_in_bihar.case_number not in trafficking
    assert at_station.case_number in travel
    assert at_bus_stand.case_number in travel
    assert trafficked.case_number not in travel


def test_a_photo_is_shown_only_with_the_familys_consent(
    client, kerala_officer, patna_officer, file_missing
):
    photos = [("photo.jpg", clean_photo(photo_upload().read()))]
    consented = file_missing(patna_officer, full_name="Rani Devi", photos=photos)
    refused = file_missing(
        patna_officer,
        full_name="Guddu",
        fir_number="10/2026",
        photos=[("photo.jpg", clean_photo(photo_upload().read()))],
        publication_consent=None,
    )
    assert refused.photo_count == 1
    assert not refused.publication_consent

    page = feed_as(client, kerala_officer)

    consented.refresh_from_db()
    refused.refresh_from_db()
    assert reverse("reports:thumbnail", args=[consented.cover_photo.public_id]) in page
    assert reverse("reports:thumbnail", args=[refused.cover_photo.public_id]) not in page


def test_a_closed_case_leaves_the_feed(client, kerala_officer, missing_in_bihar):
    missing_in_bihar.status = "closed"
    missing_in_bihar.save(update_fields=["status"])

    page = feed_as(client, kerala_officer)

    assert missing_in_bihar.case_number not in page


@pytest.mark.parametrize(
    ("unit_type", "role"),
    [
        (UnitType.CWC, Role.CWC_MEMBER),
        (UnitType.DCPU, Role.DISTRICT_OFFICIAL),
        (UnitType.CHILDRENS_HOME, Role.CCI_STAFF),
    ],
)
def test_child_protection_and_care_staff_do_not_get_the_feed(
    client, make_unit, make_official, khordha, missing_in_bihar, unit_type, role
):
    official = make_official("staff", role, unit=make_unit(unit_type, district=khordha))
    sign_in_verified(client, official)

    assert client.get(FEED).status_code == 403
    assert "Sonu Kumar" not in client.get("/").content.decode()


def test_the_public_does_not_get_the_feed(client, missing_in_bihar):
    response = client.get(FEED)

    assert response.status_code == 302
    assert "Sonu Kumar" not in client.get("/").content.decode()


def test_the_feed_is_paginated_and_the_home_page_shows_the_newest_five(
    client, kerala_officer, patna_officer, file_missing
):
    reports = [
        file_missing(patna_officer, full_name=f"Child {number}", fir_number=f"{number}/2026")
        for number in range(21)
    ]

    first = feed_as(client, kerala_officer)
    second = client.get(FEED, {"page": 2}).content.decode()
    home = client.get("/").content.decode()

    assert reports[20].case_number in first
    assert reports[1].case_number in first
    assert reports[0].case_number not in first
    assert reports[0].case_number in second
    assert reports[16].case_number in home
    assert reports[15].case_number not in home
