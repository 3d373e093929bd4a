"""An administrator loads the official LGD States/UTs and districts, and later a newer snapshot."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from apps.directory.models import District, State
from apps.directory.services import DATA_DIR

pytestmark = pytest.mark.django_db


def load(*args):
    out = io.StringIO()
    call_command("load_lgd", *args, stdout=out)
    return out.getvalue()


def bundled_rows(name):
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_loads_all_36_states_and_uts_and_784_districts():
    output = load()

    assert State.objects.count() == 36
    assert State.objects.filter(kind="U").count() == 8
    assert District.objects.count() == 784
    assert District.objects.current().count() == 784
    assert "36 created" in output
    khordha = District.objects.get(lgd_code=362)
    assert (khordha.name_en, khordha.state.name_en) == ("Khordha", "Odisha")


def test_every_state_and_ut_has_a_hindi_and_bengali_name():
    load()
    assert not State.objects.filter(name_hi__in=["", None]).exists()
    assert not State.objects.filter(name_bn__in=["", None]).exists()
    bihar = State.objects.get(lgd_code=10)
    assert (bihar.name_hi, bihar.name_bn) == ("बिहार", "বিহার")


def test_loading_again_changes_nothing():
    load()
    before = list(District.objects.order_by("pk").values_list("pk", "lgd_code", "name_en"))

    output = load()

    assert "0 created, 0 updated" in output
    assert "0 retired" in output
    assert list(District.objects.order_by("pk").values_list("pk", "lgd_code", "name_en")) == before


def test_newer_snapshot_adds_renames_and_retires_without_deleting(tmp_path):
    load()
    districts = bundled_rows("lgd_districts.csv")
    newer = [row for row in districts if row["district_code"] != "362"]
    for row in newer:
        if row["district_code"] == "348":
            row["district_name"] = "Cuttack Sadar"
    newer.append(
        {
            "state_code": "21",
            "state_name": "Odisha",
            "district_code": "9001",
            "district_name": "Bhubaneswar",
        }
    )
    states_file = DATA_DIR / "lgd_states.csv"
    districts_file = write_csv(tmp_path / "districts.csv", newer)

    output = load(
        "--states", str(states_file), "--districts", str(districts_file), "--date", "2027-04-01"
    )

    khordha = District.objects.get(lgd_code=362)
    assert str(khordha.retired_on) == "2027-04-01"
    assert District.objects.get(lgd_code=348).name_en == "Cuttack Sadar"
    assert District.objects.get(lgd_code=9001).state.lgd_code == 21
    assert District.objects.count() == 785
    assert District.objects.current().count() == 784
    assert "retired: Khordha" in output


def test_district_that_returns_in_a_later_snapshot_is_restored(tmp_path):
    load()
    without = [row for row in bundled_rows("lgd_districts.csv") if row["district_code"] != "362"]
    load("--districts", str(write_csv(tmp_path / "d.csv", without)))
    assert District.objects.get(lgd_code=362).is_retired

    output = load()

    assert not District.objects.get(lgd_code=362).is_retired
    assert "1 restored" in output


def test_file_in_another_format_is_refused_and_nothing_is_loaded(tmp_path):
    bad = tmp_path / "districts.csv"
    bad.write_text("code,name\n1,Somewhere\n", encoding="utf-8")

    with pytest.raises(CommandError, match="not in the LGD format"):
        load("--districts", str(bad))

    assert State.objects.count() == 0


def test_missing_file_is_named_in_the_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        load("--districts", str(tmp_path / "absent.csv"))
