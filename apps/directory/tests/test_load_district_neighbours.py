"""An operator records which districts border each other from a CSV of LGD codes; codes the
directory does not hold are reported, and loading again changes nothing."""

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_neighbours_are_recorded_both_ways_and_unknown_codes_reported(
    tmp_path, khordha, cuttack, patna, capsys
):
    path = tmp_path / "neighbours.csv"
    path.write_text("district_code,neighbour_code\n362,348\n362,99999\n")

    call_command("load_district_neighbours", path)
    call_command("load_district_neighbours", path)

    assert list(cuttack.neighbours.all()) == [khordha]
    assert list(khordha.neighbours.all()) == [cuttack]
    assert not patna.neighbours.exists()
    printed = capsys.readouterr().out
    assert "1 pairs of neighbouring districts added." in printed
    assert "0 pairs of neighbouring districts added." in printed
    assert "Not in the directory, skipped: 99999" in printed


def test_a_file_in_another_format_is_refused_clearly(tmp_path, khordha):
    path = tmp_path / "wrong.csv"
    path.write_text("from,to\n362,348\n")

    with pytest.raises(CommandError, match="Expected columns district_code, neighbour_code"):
        call_command("load_district_neighbours", path)
