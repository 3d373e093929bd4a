"""An administrator loads the directory with `load_lgd` and gets, without any further file, which
States/UTs and districts border each other and the main railway routes; an operator replaces the
routes with their own."""

import io

import pytest
from django.core.management import CommandError, call_command

from apps.directory.models import District, RailwayRoute, State

pytestmark = pytest.mark.django_db


def load_lgd():
    out = io.StringIO()
    call_command("load_lgd", stdout=out)
    return out.getvalue()


def names(queryset):
    return sorted(queryset.values_list("name_en", flat=True))


def test_load_lgd_loads_neighbouring_states_and_districts():
    output = load_lgd()

    kerala = State.objects.get(lgd_code=32)
    assert names(kerala.neighbours) == ["Karnataka", "Puducherry", "Tamil Nadu"]
    bihar = State.objects.get(lgd_code=10)
    assert names(bihar.neighbours) == ["Jharkhand", "Uttar Pradesh", "West Bengal"]
    assert State.neighbours.through.objects.count() == 2 * 67
    khordha = District.objects.get(lgd_code=362)
    assert names(khordha.neighbours) == ["Ganjam", "Kataka", "Nayagada", "Puri"]
    assert District.objects.filter(neighbours__isnull=False).distinct().count() == 728
    assert "2124 pairs added" in output


def test_load_lgd_loads_the_railway_routes_in_order():
    load_lgd()

    assert RailwayRoute.objects.count() == 14
    grand_chord = RailwayRoute.objects.get(name__endswith="(Grand Chord)")
    stops = list(grand_chord.stops.values_list("district__name_en", flat=True))
    assert stops[:2] == ["Howrah", "Hooghly"]
    assert stops.index("Gaya") < stops.index("Prayagraj") < stops.index("Aligarh")


def test_loading_again_adds_nothing_twice():
    load_lgd()

    output = load_lgd()

    assert "0 pairs added" in output
    assert District.neighbours.through.objects.count() == 2 * 2124
    assert RailwayRoute.objects.count() == 14


def test_an_operator_replaces_the_routes(tmp_path):
    load_lgd()
    path = tmp_path / "routes.csv"
    path.write_text(
        "route,district_codes\nPatna-Gaya,212 196\nOnly unknown,999999 999998\n", encoding="utf-8"
    )
    out = io.StringIO()

    call_command("load_railway_routes", path, stdout=out)

    assert list(RailwayRoute.objects.values_list("name", flat=True)) == ["Patna-Gaya"]
    assert "Not in the directory, skipped: 999998, 999999" in out.getvalue()


def test_a_routes_file_in_another_format_or_missing_is_refused_and_the_routes_kept(tmp_path):
    load_lgd()
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("line,stations\nPatna-Gaya,Patna Gaya\n", encoding="utf-8")

    with pytest.raises(CommandError, match="Expected columns route, district_codes"):
        call_command("load_railway_routes", wrong)
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_railway_routes", tmp_path / "absent.csv")

    assert RailwayRoute.objects.count() == 14


def test_an_operator_gives_load_lgd_their_own_neighbours_and_routes(tmp_path):
    states = tmp_path / "states.csv"
    states.write_text("state_code,neighbour_code\n21,10\n", encoding="utf-8")
    districts = tmp_path / "districts.csv"
    districts.write_text("district_code,neighbour_code\n212,196\n", encoding="utf-8")
    routes = tmp_path / "routes.csv"
    routes.write_text("route,district_codes\nPatna-Gaya,212 196\n", encoding="utf-8")
    out = io.StringIO()

    call_command(
        "load_lgd",
        state_neighbours=states,
        district_neighbours=districts,
        railway_routes=routes,
        stdout=out,
    )

    assert names(State.objects.get(lgd_code=21).neighbours.all()) == ["Bihar"]
    assert District.neighbours.through.objects.count() == 2
    assert list(RailwayRoute.objects.values_list("name", flat=True)) == ["Patna-Gaya"]
    assert "Neighbouring districts: 1 pairs added." in out.getvalue()


def test_load_lgd_refuses_a_neighbours_file_in_another_format(tmp_path):
    wrong = tmp_path / "states.csv"
    wrong.write_text("from,to\n21,10\n", encoding="utf-8")

    with pytest.raises(CommandError, match="A neighbours or routes file is not as expected"):
        call_command("load_lgd", state_neighbours=wrong, stdout=io.StringIO())
