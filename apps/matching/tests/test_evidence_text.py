"""The comparison page shows every evidence detail through gettext, in the official's language,
and pairs stored before details had codes still show their English text."""

import re

import pytest
from django.utils import translation

from apps.matching import evidence_text
from apps.matching.engine import score_pair
from apps.matching.engine.messages import ENGLISH, message
from apps.matching.engine.tests.test_score_pair import FOUND, MISSING
from apps.matching.evidence_text import TEMPLATES, evidence_detail

# Place details name States/UTs as the directory names them in the reader's language.
pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def english_texts(code: str) -> tuple[str, ...]:
    text = ENGLISH[code]
    return text if isinstance(text, tuple) else (text,)


def sample_params(code: str) -> dict:
    return {name: "7" for text in english_texts(code) for name in PLACEHOLDER.findall(text)}


@pytest.fixture
def marked(monkeypatch):
    """gettext and ngettext that mark what they translated, as a catalogue would change it."""

    def fake_gettext(text):
        return f"«{text}»"

    def fake_ngettext(singular, plural, count):
        return f"«{singular if count == 1 else plural}»"

    monkeypatch.setattr(evidence_text, "gettext", fake_gettext)
    monkeypatch.setattr(evidence_text, "ngettext", fake_ngettext)
    return fake_gettext


def test_every_code_the_engine_can_emit_has_a_translatable_text():
    assert set(TEMPLATES) == set(ENGLISH)


@pytest.mark.parametrize("code", sorted(ENGLISH))
def test_each_msgid_is_the_engines_english_text(code):
    template = TEMPLATES[code]
    if callable(template):  # a plural: check both forms in English
        with translation.override("en"):
            for count, english in zip((1, 2), english_texts(code), strict=True):
                assert template({"count": count}) == english
    else:
        assert template == ENGLISH[code]


@pytest.mark.parametrize("code", sorted(ENGLISH))
def test_each_code_is_rendered_through_gettext(code, marked):
    params = sample_params(code)
    stored = {"key": "x", "detail": "English", **message(code, **params).as_dict()}
    rendered = evidence_detail(stored)
    assert rendered.startswith("«"), rendered
    assert rendered.endswith("»"), rendered
    if not callable(TEMPLATES[code]):
        assert rendered == marked(TEMPLATES[code]) % params


def test_a_known_evidence_renders_as_gettext_of_its_template(marked):
    stored = score_pair(MISSING, FOUND).evidence_for("name").as_dict()
    assert stored["code"] == "name"
    assert evidence_detail(stored) == marked(TEMPLATES["name"]) % stored["params"]


def test_a_nested_duration_is_translated_too(marked):
    stored = score_pair(MISSING, FOUND).evidence_for("dates").as_dict()
    assert evidence_detail(stored) == "«found «2.0 years» after going missing»"


def test_in_english_the_page_reads_as_the_engine_wrote_it():
    with translation.override("en"):
        for item in score_pair(MISSING, FOUND).as_dict()["evidence"]:
            if item["key"] != "languages":  # the page names languages instead of codes
                assert evidence_detail(item) == item["detail"], item["key"]


def test_language_codes_and_complexions_are_named_in_the_readers_language():
    result = score_pair(MISSING, FOUND)
    with translation.override("en"):
        languages = evidence_detail(result.evidence_for("languages").as_dict())
        complexion = evidence_detail(result.evidence_for("complexion").as_dict())
    assert languages == "speaks Odia (Odia ~ Odia)"
    assert complexion == "complexion wheatish ~ wheatish"


def test_states_in_a_place_detail_are_named_in_the_readers_language(odisha, bihar):
    same_district = message("place.same_district", district="Khordha, Odisha").as_dict()
    far_away = message("place.other_state", state="Bihar", missing_state="Odisha").as_dict()
    reported_twice = message("duplicate.place.other_state", first="Odisha", second="Bihar")
    home = message("home.same_district", told="खोर्धा", district="Khordha, Odisha").as_dict()
    with translation.override("hi"):
        assert "(Khordha, ओडिशा)" in evidence_detail(same_district)
        assert "बिहार" in evidence_detail(far_away)
        assert "ओडिशा" in evidence_detail(far_away)
        assert "(ओडिशा और बिहार)" in evidence_detail(reported_twice.as_dict())
        assert evidence_detail(home) == "घर 'खोर्धा' बताता है: रिपोर्ट का ज़िला (Khordha, ओडिशा)"
        # The child's words are quoted as written, a State/UT in them too.
        told = message("home.elsewhere", told="Gaya, Bihar", district="Khordha, Odisha")
        assert evidence_detail(told.as_dict()) == "घर 'Gaya, Bihar' बताता है; Khordha, ओडिशा से लापता"
        # A home read from the family's address is a place, not her words.
        address = message(
            "home.address.elsewhere", address="Gaya, Bihar", district="Khordha, Odisha"
        )
        assert evidence_detail(address.as_dict()) == (
            "परिवार का पता (Gaya, बिहार); Khordha, ओडिशा से लापता"
        )
    with translation.override("en"):
        assert evidence_detail(same_district) == "found in the same district (Khordha, Odisha)"


def test_a_state_the_directory_does_not_know_is_shown_as_stored(odisha):
    retired = message("place.same_state", state="Old Name of a State").as_dict()
    with translation.override("hi"):
        assert "Old Name of a State" in evidence_detail(retired)


def test_a_pair_stored_before_details_had_codes_shows_its_english_text(marked):
    old = {"key": "sex", "weight": 0.69, "similarity": 1.0, "detail": "both girls"}
    assert evidence_detail(old) == "both girls"


@pytest.mark.parametrize(
    "item",
    [
        {"code": "name.unknown.v2", "params": {}},
        {"code": "name", "params": {"missing": "Priya"}},
        {"code": "name", "params": "not a dict"},
    ],
    ids=["unknown code", "missing parameter", "bad parameters"],
)
def test_a_detail_this_version_cannot_render_falls_back_to_english(item, marked):
    assert evidence_detail({"key": "name", "detail": "as stored", **item}) == "as stored"


def test_the_states_names_are_read_once_for_many_details_and_again_when_one_is_renamed(
    odisha, bihar, django_assert_num_queries
):
    far_away = message("place.other_state", state="Bihar", missing_state="Odisha").as_dict()
    with translation.override("hi"):
        with django_assert_num_queries(1):
            evidence_detail(far_away)
            evidence_detail(far_away)
        bihar.name_hi = "बिहार राज्य"
        bihar.save()
        with django_assert_num_queries(1):
            assert "बिहार राज्य" in evidence_detail(far_away)
    with translation.override("bn"), django_assert_num_queries(1):
        evidence_detail(far_away)
