"""Rina's father is in Nepal and her uncle in Bangladesh: the police give their numbers with the
country code, each checked against that country's numbering and kept in E.164. An Indian number
is checked as before; a number not valid in the country its code names is refused with the
reason, and nothing is saved."""

import pytest

from apps.reports.models import Report
from apps.reports.tests.fixtures import found_report_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_with_phones(client, officer, odisha, khordha, childrens_home):
    client.force_login(officer)

    def post(**phones):
        data = found_report_data(odisha, khordha, childrens_home, nationality="NP", **phones)
        return client.post("/reports/found/new/", data)

    return post


def test_numbers_abroad_are_kept_in_e164(file_with_phones):
    response = file_with_phones(
        father_phone="+977 984-1234567",
        guardian_phone="00880 1712 345678",
        mother_phone="+91 98610 55555",
    )

    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.father_phone, report.guardian_phone) == ("+9779841234567", "+8801712345678")
    # An Indian number is kept as it was typed, as before.
    assert report.mother_phone == "+91 98610 55555"


def test_a_number_not_valid_in_its_country_is_refused_with_the_reason(file_with_phones):
    response = file_with_phones(father_phone="+977 12345", mother_phone="98610 55555")

    assert response.status_code == 200
    assert response.context["form"].errors["father_phone"] == [
        "This is not a valid number of the country its code names. Write it with the country "
        "code, for example +977 9841234567 (Nepal) or +880 1712345678 (Bangladesh)."
    ]
    assert not Report.objects.exists()


def test_indian_numbers_keep_todays_check(file_with_phones):
    response = file_with_phones(father_phone="village head")

    assert response.context["form"].errors["father_phone"] == [
        "Enter a phone number of digits, spaces or dashes."
    ]
    assert not Report.objects.exists()


def test_the_family_of_a_missing_child_may_be_abroad_too(officer, file_missing):
    report = file_missing(officer, father_phone="+977-1-4412345")

    assert report.father_phone == "+97714412345"


def test_the_owning_station_adds_a_number_abroad_later(client, officer, rina_found):
    client.force_login(officer)
    form = client.get(f"/reports/{rina_found.pk}/edit/").context["form"]
    data = {
        name: value
        for name, value in ((field.html_name, field.value()) for field in form)
        if value is not None and name not in ("photos", "remove_photos")
    }
    data.update(
        {
            "mother_phone": "+880 1812-345678",
            "reason": "Mother reached through the embassy",
            "marks-TOTAL_FORMS": "0",
            "marks-INITIAL_FORMS": "0",
            "marks-MIN_NUM_FORMS": "0",
            "marks-MAX_NUM_FORMS": "10",
        }
    )

    response = client.post(f"/reports/{rina_found.pk}/edit/", data)

    assert response.status_code == 302, response.context["form"].errors
    rina_found.refresh_from_db()
    assert rina_found.mother_phone == "+8801812345678"
