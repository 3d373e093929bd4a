"""Evidence details in the reader's language.

The engine is plain Python: it gives each detail as a code with parameters, and its English
text (apps.matching.engine.messages). Here every code has the same English text marked for
translation, so `makemessages` collects them and the comparison page shows the detail in the
official's language. Pairs stored before the engine gave codes carry only their English
"detail", which is shown as it was.

Keep TEMPLATES in step with messages.ENGLISH (test_evidence_text.py checks every code).
"""

from collections.abc import Callable

from django.utils.translation import gettext, gettext_noop, ngettext

from apps.directory.selectors import state_names_in_active_language
from apps.matching.engine.messages import Message, from_dict, render
from apps.names.places import DISTRICT_STATE_SEPARATOR
from apps.reports.choices import Complexion, Language


def _days(params: dict) -> str:
    return ngettext("%(count)s day", "%(count)s days", params["count"])


TEMPLATES: dict[str, str | Callable[[dict], str]] = {
    "name": gettext_noop("name '%(missing)s' ~ '%(found)s' (%(similarity)s)"),
    "name.unknown": gettext_noop("no name on one side"),
    "sex.boys": gettext_noop("both boys"),
    "sex.girls": gettext_noop("both girls"),
    "sex.unknown": gettext_noop("sex not known, or not boy/girl, on one side"),
    "age.earlier": gettext_noop(
        "age %(missing)s when missing %(duration)s earlier → about %(expected)s; "
        "found aged %(found)s"
    ),
    "age.same_day": gettext_noop(
        "age %(missing)s when missing then → about %(expected)s; found aged %(found)s"
    ),
    "age.dates_unknown": gettext_noop(
        "age %(missing)s when missing (dates not known) → about %(expected)s; found aged %(found)s"
    ),
    "age.unknown": gettext_noop("age not known on one side"),
    "dates.after": gettext_noop("found %(duration)s after going missing"),
    "dates.mistyped": gettext_noop(
        "found %(days)s days before the date missing (a date may be mistyped)"
    ),
    "dates.unknown": gettext_noop("date missing or found not known"),
    "duration.days": _days,
    "duration.months": gettext_noop("%(months)s months"),
    "duration.years": gettext_noop("%(years)s years"),
    "birth.same": gettext_noop("born on the same day (%(born)s)"),
    "birth.slip": gettext_noop(
        "dates of birth %(missing)s ~ %(found)s (one figure or day and month apart)"
    ),
    "birth.different": gettext_noop("dates of birth %(missing)s ~ %(found)s"),
    "birth.unknown": gettext_noop("date of birth not known on one side"),
    "place.same_district": gettext_noop("found in the same district (%(district)s)"),
    "place.same_state": gettext_noop("found in the same state (%(state)s), another district"),
    "place.other_district": gettext_noop("found in another district (state not known)"),
    "place.other_state": gettext_noop(
        "found in another state (%(state)s; missing from %(missing_state)s)"
    ),
    "place.unknown": gettext_noop("place not known on one side"),
    "home.same_district": gettext_noop(
        "says home is '%(told)s': the report's district (%(district)s)"
    ),
    "home.same_state": gettext_noop(
        "says home is '%(told)s': the report's State/UT (%(state)s), another district"
    ),
    "home.elsewhere": gettext_noop("says home is '%(told)s'; missing from %(district)s"),
    "home.unknown": gettext_noop("home not told, or no district or State/UT recognised in it"),
    "home.address.same_district": gettext_noop(
        "family's address in %(address)s: the report's district (%(district)s)"
    ),
    "home.address.same_state": gettext_noop(
        "family's address in %(address)s: the report's State/UT (%(state)s), another district"
    ),
    "home.address.elsewhere": gettext_noop(
        "family's address in %(address)s; missing from %(district)s"
    ),
    "height": gettext_noop(
        "height %(missing)s cm when missing → about %(expected)s cm; found %(found)s cm"
    ),
    "height.unknown": gettext_noop("height not known on one side"),
    "parents.one": gettext_noop("parent '%(parent)s' ~ told '%(told)s' (%(similarity)s)"),
    "parents.several": gettext_noop(
        "parent '%(parent)s' ~ told '%(told)s' (%(similarity)s); %(matched)s parents match"
    ),
    "parents.unknown": gettext_noop("parents' names not known on one side"),
    "languages.shared": gettext_noop("speaks %(shared)s (%(missing)s ~ %(found)s)"),
    "languages.none_shared": gettext_noop("no language in common (%(missing)s ~ %(found)s)"),
    "languages.shared.written": gettext_noop(
        "speaks %(shared)s (%(missing)s ~ %(found)s, by the script of a name)"
    ),
    "languages.none_shared.written": gettext_noop(
        "no language in common (%(missing)s ~ %(found)s, by the script of a name)"
    ),
    "languages.unknown": gettext_noop("languages not known on one side"),
    "marks": gettext_noop("marks '%(missing)s' ~ '%(found)s' (%(similarity)s)"),
    "marks.several": gettext_noop(
        "marks '%(missing)s' ~ '%(found)s' (%(similarity)s); %(agreeing)s marks agree"
    ),
    "marks.unknown": gettext_noop("marks not described on one side"),
    "complexion": gettext_noop("complexion %(missing)s ~ %(found)s"),
    "complexion.unknown": gettext_noop("complexion not known"),
    "face.close": gettext_noop("face distance %(distance)s (close; weak evidence for children)"),
    "face.somewhat_close": gettext_noop(
        "face distance %(distance)s (somewhat close; weak evidence for children)"
    ),
    "face.none": gettext_noop(
        "face distance %(distance)s (no evidence; weak evidence for children)"
    ),
    "face.unknown": gettext_noop("no face encoding on one side"),
    "duplicate.dates": gettext_noop("dates %(duration)s apart"),
    "duplicate.dates.same_day": gettext_noop("both on the same date"),
    "duplicate.dates.unknown": gettext_noop("date not known on one side"),
    "duplicate.age": gettext_noop("age %(first)s, %(duration)s later %(second)s"),
    "duplicate.age.same_day": gettext_noop("age %(first)s and %(second)s the same day"),
    "duplicate.age.dates_unknown": gettext_noop("age %(first)s and %(second)s (dates not known)"),
    "duplicate.place.same_district": gettext_noop("both in the same district (%(district)s)"),
    "duplicate.place.same_state": gettext_noop("both in %(state)s, different districts"),
    "duplicate.place.other_district": gettext_noop("different districts (state not known)"),
    "duplicate.place.other_state": gettext_noop("different states (%(first)s and %(second)s)"),
    "duplicate.height": gettext_noop(
        "height %(first)s cm → about %(expected)s cm later; %(second)s cm"
    ),
    "duplicate.parents.one": gettext_noop("parent '%(first)s' ~ '%(second)s' (%(similarity)s)"),
    "duplicate.parents.several": gettext_noop(
        "parent '%(first)s' ~ '%(second)s' (%(similarity)s); %(matched)s parents match"
    ),
}

_COMPLEXIONS = dict(Complexion.choices)
_LANGUAGES = dict(Language.choices)


def evidence_detail(item: dict) -> str:
    """The detail of one stored piece of evidence (MatchScore.as_dict()["evidence"][i]) in
    the active language; its English "detail" when it has no code this portal knows."""
    fallback = str(item.get("detail", ""))
    if not isinstance(item.get("code"), str) or not isinstance(item.get("params", {}), dict):
        return fallback
    try:
        return translated(from_dict(item))
    except (KeyError, TypeError, ValueError):
        # A code or parameter this version does not know (stored by a newer engine).
        return fallback


def translated(message: Message) -> str:
    """`gettext(English text of the code) % parameters`, nested messages translated first."""
    return render(_with_labels(message), _template, _joined)


def _template(code: str, params: dict) -> str:
    template = TEMPLATES[code]
    if callable(template):
        return template(params)
    return gettext(template)


def _joined(values) -> str:
    """Lists are language codes: their names, in the reader's language."""
    return ", ".join(str(_LANGUAGES.get(value, value)) for value in values)


def _with_labels(message: Message) -> Message:
    """Complexions as the portal names them, and States/UTs in the reader's language (the
    engine gives the stored values and the LGD's English names)."""
    if message.code == "complexion":
        params = tuple(
            (name, str(_COMPLEXIONS[value]).lower() if value in _COMPLEXIONS else value)
            for name, value in message.params
        )
        return Message(message.code, params)
    if message.code.startswith(_PLACE_CODES):
        return _with_state_names(message)
    return message


_PLACE_CODES = ("place.", "duplicate.place.", "home.")
_CHILDS_WORDS = "told"  # the parameter of a home detail that quotes the child


def _with_state_names(message: Message) -> Message:
    """Every parameter of a place detail is a State/UT, or a district and its State/UT, but
    the child's own words, which are quoted as they were written."""
    places = [
        (name, *str(value).rpartition(DISTRICT_STATE_SEPARATOR))
        for name, value in message.params
        if name != _CHILDS_WORDS
    ]
    local = state_names_in_active_language(state for _, _, _, state in places)
    named = {
        name: district + separator + local.get(state, state)
        for name, district, separator, state in places
    }
    params = tuple((name, named.get(name, value)) for name, value in message.params)
    return Message(message.code, params)
