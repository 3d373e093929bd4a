"""A form's script, for anyone signed in or not, fetches the districts of the State/UT chosen:
public data, cached by the browser; a retired district is not offered, an unknown code is 404."""

import datetime

import pytest

from apps.directory.models import District

pytestmark = pytest.mark.django_db


def test_anyone_fetches_the_current_districts_of_a_state(client, odisha, khordha, cuttack, patna):
    District.objects.create(
        lgd_code=999, name_en="Old Puri", state=odisha, retired_on=datetime.date(2020, 1, 1)
    )

    response = client.get("/directory/states/21/districts.json")

    assert response.status_code == 200
    assert response.json() == {
        "districts": [
            {"id": cuttack.pk, "name": "Cuttack"},
            {"id": khordha.pk, "name": "Khordha"},
        ]
    }
    assert "max-age=3600" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


def test_an_unknown_state_code_is_not_found(client, odisha, khordha):
    assert client.get("/directory/states/99/districts.json").status_code == 404
