"""A ChildRecord read once into the values every comparison needs.

Reading a record (transliterating names, parsing marks) costs far more than comparing two read
records, so the index reads each record once when it is added and keeps the Profile.
"""

from dataclasses import dataclass

from apps.matching.engine.descriptions import (
    complexion_rank,
    language_codes,
    mark_words,
    script_languages,
    separate_marks,
)
from apps.matching.engine.names import NameForm, form_keys, parse_names
from apps.matching.engine.records import ChildRecord, age_range, decided_sex, known_height


@dataclass(frozen=True, slots=True)
class Profile:
    record: ChildRecord
    names: tuple[NameForm, ...]
    parents: tuple[NameForm, ...]
    name_words: frozenset[str]
    keys: tuple[str, ...]
    parent_keys: tuple[str, ...]
    sex: str
    ages: tuple[float, float] | None
    day: int | None
    born: int | None
    state: str
    district: str
    height: float | None
    complexion: int | None
    marks: frozenset[str]  # every word of every mark
    separate_marks: tuple[frozenset[str], ...]
    languages: frozenset[str]
    # Where the record lists none, those the script of its name says (descriptions.py).
    written_languages: frozenset[str]
    home_districts: frozenset[str]
    home_states: frozenset[str]


def read_profile(record: ChildRecord) -> Profile:
    names = parse_names(record.name, record.local_name, record.other_names)
    parents = parse_names(
        record.father_name, record.mother_name, record.guardian_name, parents=True
    )
    # "Raju S/O Ramesh" in the name field names the father too.
    parent_forms = _distinct(parents.forms + parents.relatives + names.relatives)
    keys = form_keys(names.forms)
    languages = language_codes(record.languages)
    return Profile(
        record=record,
        names=names.forms,
        parents=parent_forms,
        name_words=frozenset(word for form in names.forms for word in form.informative_words),
        keys=tuple(keys),
        # The family surname is already among the child's keys.
        parent_keys=tuple(key for key in form_keys(parent_forms) if key not in keys),
        sex=decided_sex(record),
        ages=age_range(record),
        day=record.event_date.toordinal() if record.event_date else None,
        born=record.birth_date.toordinal() if record.birth_date else None,
        state=str(record.state or "").strip(),
        district=str(record.district or "").strip(),
        height=known_height(record),
        complexion=complexion_rank(record.complexion),
        marks=mark_words(record.identification_marks),
        separate_marks=separate_marks(record.identification_marks),
        languages=languages,
        written_languages=(
            frozenset() if languages else script_languages(record.local_name or record.name)
        ),
        home_districts=_stripped(record.home_districts),
        home_states=_stripped(record.home_states),
    )


def _stripped(places: frozenset[str]) -> frozenset[str]:
    return frozenset(filter(None, (str(place).strip() for place in places)))


def _distinct(forms: tuple[NameForm, ...]) -> tuple[NameForm, ...]:
    return tuple({form.words: form for form in forms}.values())
