"""The words of an evidence detail, kept apart from the language they are shown in.

The engine says *what* to write as a `Message`: a code and its parameters ("dates.after" with a
duration). `ENGLISH` holds the English text of every code, which `Message.text()` fills in for
the CSV and command-line tools and which is stored beside the code as a fallback. The portal
translates the same codes (apps/matching/evidence_text.py marks every English text below for
gettext), so this module stays plain Python.

A parameter may itself be a Message (a duration inside a sentence); plural texts are a
(singular, plural) pair chosen by the parameter `count`.
"""

from dataclasses import dataclass

PLURAL_PARAM = "count"

ENGLISH: dict[str, str | tuple[str, str]] = {
    "name": "name '%(missing)s' ~ '%(found)s' (%(similarity)s)",
    "name.unknown": "no name on one side",
    "sex.boys": "both boys",
    "sex.girls": "both girls",
    "sex.unknown": "sex not known, or not boy/girl, on one side",
    "age.earlier": (
        "age %(missing)s when missing %(duration)s earlier → about %(expected)s; "
        "found aged %(found)s"
    ),
    "age.same_day": "age %(missing)s when missing then → about %(expected)s; found aged %(found)s",
    "age.dates_unknown": (
        "age %(missing)s when missing (dates not known) → about %(expected)s; found aged %(found)s"
    ),
    "age.unknown": "age not known on one side",
    "dates.after": "found %(duration)s after going missing",
    "dates.mistyped": "found %(days)s days before the date missing (a date may be mistyped)",
    "dates.unknown": "date missing or found not known",
    "duration.days": ("%(count)s day", "%(count)s days"),
    "duration.months": "%(months)s months",
    "duration.years": "%(years)s years",
    "birth.same": "born on the same day (%(born)s)",
    "birth.slip": "dates of birth %(missing)s ~ %(found)s (one figure or day and month apart)",
    "birth.different": "dates of birth %(missing)s ~ %(found)s",
    "birth.unknown": "date of birth not known on one side",
    "place.same_district": "found in the same district (%(district)s)",
    "place.same_state": "found in the same state (%(state)s), another district",
    "place.other_district": "found in another district (state not known)",
    "place.other_state": "found in another state (%(state)s; missing from %(missing_state)s)",
    "place.unknown": "place not known on one side",
    "home.same_district": "says home is '%(told)s': the report's district (%(district)s)",
    "home.same_state": (
        "says home is '%(told)s': the report's State/UT (%(state)s), another district"
    ),
    "home.elsewhere": "says home is '%(told)s'; missing from %(district)s",
    "home.unknown": "home not told, or no district or State/UT recognised in it",
    "home.address.same_district": (
        "family's address in %(address)s: the report's district (%(district)s)"
    ),
    "home.address.same_state": (
        "family's address in %(address)s: the report's State/UT (%(state)s), another district"
    ),
    "home.address.elsewhere": "family's address in %(address)s; missing from %(district)s",
    "height": ("height %(missing)s cm when missing → about %(expected)s cm; found %(found)s cm"),
    "height.unknown": "height not known on one side",
    "parents.one": "parent '%(parent)s' ~ told '%(told)s' (%(similarity)s)",
    "parents.several": (
        "parent '%(parent)s' ~ told '%(told)s' (%(similarity)s); %(matched)s parents match"
    ),
    "parents.unknown": "parents' names not known on one side",
    "languages.shared": "speaks %(shared)s (%(missing)s ~ %(found)s)",
    "languages.none_shared": "no language in common (%(missing)s ~ %(found)s)",
    "languages.shared.written": (
        "speaks %(shared)s (%(missing)s ~ %(found)s, by the script of a name)"
    ),
    "languages.none_shared.written": (
        "no language in common (%(missing)s ~ %(found)s, by the script of a name)"
    ),
    "languages.unknown": "languages not known on one side",
    "marks": "marks '%(missing)s' ~ '%(found)s' (%(similarity)s)",
    "marks.several": (
        "marks '%(missing)s' ~ '%(found)s' (%(similarity)s); %(agreeing)s marks agree"
    ),
    "marks.unknown": "marks not described on one side",
    "complexion": "complexion %(missing)s ~ %(found)s",
    "complexion.unknown": "complexion not known",
    "face.close": "face distance %(distance)s (close; weak evidence for children)",
    "face.somewhat_close": (
        "face distance %(distance)s (somewhat close; weak evidence for children)"
    ),
    "face.none": "face distance %(distance)s (no evidence; weak evidence for children)",
    "face.unknown": "no face encoding on one side",
    # Two reports of the same side (duplicates.py).
    "duplicate.dates": "dates %(duration)s apart",
    "duplicate.dates.same_day": "both on the same date",
    "duplicate.dates.unknown": "date not known on one side",
    "duplicate.age": "age %(first)s, %(duration)s later %(second)s",
    "duplicate.age.same_day": "age %(first)s and %(second)s the same day",
    "duplicate.age.dates_unknown": "age %(first)s and %(second)s (dates not known)",
    "duplicate.place.same_district": "both in the same district (%(district)s)",
    "duplicate.place.same_state": "both in %(state)s, different districts",
    "duplicate.place.other_district": "different districts (state not known)",
    "duplicate.place.other_state": "different states (%(first)s and %(second)s)",
    "duplicate.height": "height %(first)s cm → about %(expected)s cm later; %(second)s cm",
    "duplicate.parents.one": "parent '%(first)s' ~ '%(second)s' (%(similarity)s)",
    "duplicate.parents.several": (
        "parent '%(first)s' ~ '%(second)s' (%(similarity)s); %(matched)s parents match"
    ),
}

# Parameters that are lists (language codes): written joined by this.
LIST_SEPARATOR = ", "


@dataclass(frozen=True, slots=True)
class Message:
    """One detail: `code` (a key of ENGLISH) and its parameters as (name, value) pairs.

    Values are strings, numbers, tuples of strings (written joined) or nested Messages.
    """

    code: str
    params: tuple[tuple[str, object], ...] = ()

    def text(self) -> str:
        """The detail in English."""
        return render(self, english_template, LIST_SEPARATOR.join)

    def as_dict(self) -> dict:
        """JSON for storing: {"code": ..., "params": {...}}, nested Messages as such dicts."""
        return {"code": self.code, "params": {name: _json(value) for name, value in self.params}}


def message(code: str, **params) -> Message:
    if code not in ENGLISH:
        raise KeyError(f"no English text for the evidence code {code!r}")
    return Message(code, tuple(params.items()))


def english_template(code: str, params: dict) -> str:
    text = ENGLISH[code]
    if isinstance(text, tuple):
        singular, plural = text
        return singular if params.get(PLURAL_PARAM) == 1 else plural
    return text


def render(item: Message, template_for, join_list) -> str:
    """`template_for(code, params) % params`, nested Messages rendered first the same way."""
    params = {}
    for name, value in item.params:
        if isinstance(value, Message):
            value = render(value, template_for, join_list)
        elif isinstance(value, tuple | list):
            value = join_list(value)
        params[name] = value
    return template_for(item.code, params) % params


def from_dict(data: dict) -> Message:
    """The Message that as_dict() stored (lists come back as tuples)."""
    params = []
    for name, value in data.get("params", {}).items():
        if isinstance(value, dict):
            value = from_dict(value)
        elif isinstance(value, list):
            value = tuple(value)
        params.append((name, value))
    return Message(data["code"], tuple(params))


def _json(value):
    if isinstance(value, Message):
        return value.as_dict()
    if isinstance(value, tuple | frozenset | set):
        return list(value)
    return value
