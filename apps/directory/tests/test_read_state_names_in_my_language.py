"""After load_lgd, a family and an official read the States/UTs' names in their own language
and script: Odisha is ଓଡ଼ିଶା in Odia, Tamil Nadu தமிழ்நாடு in Tamil, and still Odisha in English.
The bundled names are complete: every State/UT in every scheduled language, in its script."""

import csv
import io
import re
import unicodedata

import pytest
from django.conf import settings
from django.core.management import call_command

from apps.directory.models import State
from apps.directory.services import DATA_DIR
from conftest import sign_in_verified
from trackchild.languages import SCHEDULED_LANGUAGES

ODISHA_IN_ODIA = "ଓଡ଼ିଶା"
TAMIL_NADU_IN_TAMIL = "தமிழ்நாடு"

# The Unicode blocks of each script of trackchild/languages.py.
SCRIPT_BLOCKS = {
    "Devanagari": [(0x0900, 0x097F), (0xA8E0, 0xA8FF)],
    "Bengali": [(0x0980, 0x09FF)],
    "Gurmukhi": [(0x0A00, 0x0A7F)],
    "Gujarati": [(0x0A80, 0x0AFF)],
    "Odia": [(0x0B00, 0x0B7F)],
    "Tamil": [(0x0B80, 0x0BFF)],
    "Telugu": [(0x0C00, 0x0C7F)],
    "Kannada": [(0x0C80, 0x0CFF)],
    "Malayalam": [(0x0D00, 0x0D7F)],
    "Arabic": [(0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)],
    "Ol Chiki": [(0x1C50, 0x1C7F)],
    "Meetei Mayek": [(0xABC0, 0xABFF), (0xAAE0, 0xAAFF)],
}

pytestmark = pytest.mark.django_db


def load_lgd():
    out = io.StringIO()
    call_command("load_lgd", stdout=out)
    return out.getvalue()


def bundled_names():
    with (DATA_DIR / "state_names.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def in_language(client, code):
    """The visitor chooses the language in the switcher, as on any page."""
    client.post("/i18n/setlang/", {"language": code, "next": "/khoya-paya/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == code
    return client


def report_form(client, code):
    return in_language(client, code).get("/khoya-paya/report/missing/").content.decode()


def state_options(page):
    """The State/UT field of the Khoya-Paya form: the names its options show."""
    field = re.search(r'<select name="state".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', field)


def test_a_mother_in_odisha_finds_odisha_in_odia_on_the_khoya_paya_form(client):
    load_lgd()

    page = report_form(client, "or")

    assert '<html lang="or"' in page
    names = state_options(page)
    assert len(names) == 36
    assert ODISHA_IN_ODIA in names
    assert "Odisha" not in names


def test_a_constable_in_tamil_nadu_finds_tamil_nadu_in_tamil(client):
    load_lgd()

    page = report_form(client, "ta")

    assert TAMIL_NADU_IN_TAMIL in state_options(page)


def test_in_english_odisha_is_still_odisha(client):
    load_lgd()

    names = state_options(report_form(client, "en"))

    assert "Odisha" in names
    assert ODISHA_IN_ODIA not in names


def test_an_official_reading_odia_sees_odisha_in_odia_on_its_dashboard(client, national_admin):
    load_lgd()
    sign_in_verified(client, national_admin)

    page = in_language(client, "or").get("/dashboards/states/21/").content.decode()

    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert ODISHA_IN_ODIA in heading
    assert "Odisha" not in heading


def test_every_state_and_ut_gets_its_name_in_every_scheduled_language():
    output = load_lgd()

    assert f"Names of States/UTs in {len(SCHEDULED_LANGUAGES)} languages" in output
    for language in SCHEDULED_LANGUAGES:
        column = f"name_{language.code}"
        assert not State.objects.filter(**{f"{column}__in": ["", None]}).exists(), column
    odisha = State.objects.get(lgd_code=21)
    assert (odisha.name_en, odisha.name_or, odisha.name_hi) == ("Odisha", ODISHA_IN_ODIA, "ओडिशा")
    assert State.objects.get(lgd_code=33).name_ta == TAMIL_NADU_IN_TAMIL


def test_loading_the_names_again_changes_nothing_and_says_so():
    load_lgd()
    before = list(State.objects.order_by("pk").values())

    output = load_lgd()

    assert "States/UTs: 0 created, 0 updated." in output
    assert list(State.objects.order_by("pk").values()) == before


def test_a_corrected_name_is_loaded_and_an_empty_cell_leaves_the_name_in_place(tmp_path):
    load_lgd()
    rows = bundled_names()
    for row in rows:
        if row["state_code"] == "21":
            row["name_sat"] = "ᱳᱰᱤᱥᱟ ᱯᱚᱱᱚᱛ"
            row["name_mni"] = ""
    corrected = tmp_path / "state_names.csv"
    with corrected.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = io.StringIO()

    call_command("load_lgd", "--state-names", str(corrected), stdout=out)

    assert "0 created, 1 updated" in out.getvalue()
    odisha = State.objects.get(lgd_code=21)
    assert odisha.name_sat == "ᱳᱰᱤᱥᱟ ᱯᱚᱱᱚᱛ"
    assert odisha.name_mni == "ꯑꯣꯗꯤꯁꯥ"


def test_the_bundled_names_are_complete_and_each_in_its_language_script():
    rows = bundled_names()

    with (DATA_DIR / "lgd_states.csv").open(encoding="utf-8") as handle:
        lgd_codes = {row["state_code"] for row in csv.DictReader(handle)}
    assert {row["state_code"] for row in rows} == lgd_codes
    assert len(rows) == 36
    problems = []
    for language in SCHEDULED_LANGUAGES:
        blocks = SCRIPT_BLOCKS[language.script]
        for row in rows:
            name = row.get(f"name_{language.code}") or ""
            letters = [c for c in name if unicodedata.category(c)[0] in "LM"]
            outside = [c for c in letters if not any(lo <= ord(c) <= hi for lo, hi in blocks)]
            if not letters or outside:
                problems.append(f"{row['state_name']} in {language.code}: {name!r}")
            elif name != unicodedata.normalize("NFC", name):
                problems.append(f"{row['state_name']} in {language.code} is not NFC")
    assert problems == []
