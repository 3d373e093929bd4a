"""Countries, for a child's nationality: ISO 3166 alpha-2 codes named in the page's language.

The names come from Babel's copy of the Unicode CLDR (already a dependency, maintained with
every release, translated into Hindi and Bengali), and the list is the countries and territories
that have their own telephone numbering (the `phonenumbers` library's regions), which leaves out
CLDR's groupings and placeholders (EU, UN, ZZ…).
"""

from functools import cache

import phonenumbers
from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

INDIA = "IN"
# The empty code: nationality not known (yet), as in every record made before it was asked.
NOT_KNOWN = ""
# Offered first: India and the countries whose children are most often found in India.
NEIGHBOURS = ("NP", "BD", "MM", "PK", "LK", "BT", "AF")
COMMON = (INDIA, *NEIGHBOURS)
CODE_LENGTH = 2


@cache
def _names(language: str) -> dict[str, str]:
    try:
        territories = Locale.parse(language.replace("-", "_")).territories
    except (UnknownLocaleError, ValueError):
        territories = Locale("en").territories
    return {code: territories.get(code, code) for code in phonenumbers.SUPPORTED_REGIONS}


def country_name(code: str) -> str:
    """The country's name in the active language; "Not known" for the empty code."""
    if code == NOT_KNOWN:
        return str(_("Not known"))
    return _names(get_language() or "en").get(code, code)


def is_foreign(code: str) -> bool:
    """A known nationality other than Indian: the child is flagged for repatriation."""
    return code not in (NOT_KNOWN, INDIA)


def nationality_choices() -> list[tuple[str, str]]:
    """ "Not known", the common countries, then every other by name, in the active language;
    a callable, so a model field's choices stay out of its migrations and follow the language."""
    names = _names(get_language() or "en")
    others = sorted((code for code in names if code not in COMMON), key=names.__getitem__)
    return [(NOT_KNOWN, str(_("Not known")))] + [(code, names[code]) for code in (*COMMON, *others)]


def foreign_country_choices() -> list[tuple[str, str]]:
    """The countries a child may be repatriated to, neighbours first, for filters."""
    return [(code, name) for code, name in nationality_choices() if is_foreign(code)]
