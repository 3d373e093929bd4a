"""India's languages: the one list the portal, its settings and its tests read.

The 22 languages of the Eighth Schedule to the Constitution of India (as amended by the 21st,
71st and 92nd Amendments). Each is offered in one of two scopes:

- ``PORTAL``: every page, form, e-mail and SMS of the portal (the twelve most spoken);
- ``PUBLIC``: Khoya-Paya, the SMS to families and the notices, where a family meets the portal.

A language ships (is offered, in ``settings.LANGUAGES``) once its catalogue in
``locale/<code>/`` is complete for its scope: its translator flips ``shipped`` to True, and
``tests/test_every_offered_language_is_complete.py`` holds them to it. How to add one:
docs/languages.md.

Importable from settings: nothing here reaches an app.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy


def gettext_noop(message: str) -> str:
    """Marks a name for makemessages. Django's own reads the settings to know whether to
    translate, and the settings are what is being imported here: a refused setting would be
    read half-made (the example-secret check passed once that way)."""
    return message


PORTAL = "portal"
PUBLIC = "public"


@dataclass(frozen=True)
class IndianLanguage:
    code: str  # BCP 47 / ISO 639 code, as in the locale directory
    name: str  # in English, marked for translation (gettext_noop)
    name_local: str  # in the language itself, as the language switcher shows it
    script: str
    scope: str
    shipped: bool
    bidi: bool = False  # written right to left


# Most spoken first (Census 2011), as the switcher lists them.
SCHEDULED_LANGUAGES = (
    IndianLanguage("hi", gettext_noop("Hindi"), "हिंदी", "Devanagari", PORTAL, shipped=True),
    IndianLanguage("bn", gettext_noop("Bengali"), "বাংলা", "Bengali", PORTAL, shipped=True),
    IndianLanguage("mr", gettext_noop("Marathi"), "मराठी", "Devanagari", PORTAL, shipped=True),
    IndianLanguage("te", gettext_noop("Telugu"), "తెలుగు", "Telugu", PORTAL, shipped=True),
    IndianLanguage("ta", gettext_noop("Tamil"), "தமிழ்", "Tamil", PORTAL, shipped=True),
    IndianLanguage("gu", gettext_noop("Gujarati"), "ગુજરાતી", "Gujarati", PORTAL, shipped=True),
    IndianLanguage("ur", gettext_noop("Urdu"), "اردو", "Arabic", PORTAL, shipped=True, bidi=True),
    IndianLanguage("kn", gettext_noop("Kannada"), "ಕನ್ನಡ", "Kannada", PORTAL, shipped=True),
    IndianLanguage("or", gettext_noop("Odia"), "ଓଡ଼ିଆ", "Odia", PORTAL, shipped=True),
    IndianLanguage("ml", gettext_noop("Malayalam"), "മലയാളം", "Malayalam", PORTAL, shipped=True),
    IndianLanguage("pa", gettext_noop("Punjabi"), "ਪੰਜਾਬੀ", "Gurmukhi", PORTAL, shipped=True),
    IndianLanguage("as", gettext_noop("Assamese"), "অসমীয়া", "Bengali", PORTAL, shipped=True),
    IndianLanguage("mai", gettext_noop("Maithili"), "मैथिली", "Devanagari", PUBLIC, shipped=True),
    IndianLanguage("sat", gettext_noop("Santali"), "ᱥᱟᱱᱛᱟᱲᱤ", "Ol Chiki", PUBLIC, shipped=True),
    IndianLanguage(
        "ks", gettext_noop("Kashmiri"), "کٲشُر", "Arabic", PUBLIC, shipped=True, bidi=True
    ),
    IndianLanguage("ne", gettext_noop("Nepali"), "नेपाली", "Devanagari", PUBLIC, shipped=True),
    IndianLanguage("sd", gettext_noop("Sindhi"), "سنڌي", "Arabic", PUBLIC, shipped=True, bidi=True),
    IndianLanguage("doi", gettext_noop("Dogri"), "डोगरी", "Devanagari", PUBLIC, shipped=True),
    IndianLanguage("kok", gettext_noop("Konkani"), "कोंकणी", "Devanagari", PUBLIC, shipped=True),
    IndianLanguage(
        "mni", gettext_noop("Manipuri"), "ꯃꯤꯇꯩꯂꯣꯟ", "Meetei Mayek", PUBLIC, shipped=True
    ),
    IndianLanguage("brx", gettext_noop("Bodo"), "बड़ो", "Devanagari", PUBLIC, shipped=True),
    IndianLanguage("sa", gettext_noop("Sanskrit"), "संस्कृतम्", "Devanagari", PUBLIC, shipped=True),
)
BY_CODE = {language.code: language for language in SCHEDULED_LANGUAGES}

# What settings.LANGUAGES, LANGUAGES_BIDI and Django's LANG_INFO are made of.
SHIPPED = [("en", gettext_lazy("English"))] + [
    (language.code, gettext_lazy(language.name))
    for language in SCHEDULED_LANGUAGES
    if language.shipped
]
BIDI = [language.code for language in SCHEDULED_LANGUAGES if language.bidi]
# Django's get_language_info() knows some of these languages, some with an English name_local
# (Kannada, Punjabi): ours replace its entries.
LANG_INFO = {
    language.code: {
        "bidi": language.bidi,
        "code": language.code,
        "name": language.name,
        "name_local": language.name_local,
    }
    for language in SCHEDULED_LANGUAGES
}

# The official languages of each State/UT (by LGD code), which Khoya-Paya offers first once a
# visitor has chosen the State/UT: the Eighth Schedule languages named by the State's
# official-languages act (e.g. the Odisha Official Language Act, 1954; the West Bengal Official
# Language Act, 1961; the Jammu and Kashmir Official Languages Act, 2020), then its other
# widely spoken scheduled languages (the 52nd report of the Commissioner for Linguistic
# Minorities). Hindi last where it is not the first; English is always offered.
STATE_LANGUAGES = {
    1: ("ur", "ks", "doi", "hi"),  # Jammu and Kashmir
    2: ("hi",),  # Himachal Pradesh
    3: ("pa", "hi"),  # Punjab
    4: ("hi", "pa"),  # Chandigarh
    5: ("hi", "sa"),  # Uttarakhand
    6: ("hi", "pa"),  # Haryana
    7: ("hi", "ur", "pa"),  # Delhi
    8: ("hi",),  # Rajasthan
    9: ("hi", "ur"),  # Uttar Pradesh
    10: ("hi", "ur", "mai"),  # Bihar
    11: ("ne", "hi"),  # Sikkim
    12: ("hi",),  # Arunachal Pradesh
    13: ("hi",),  # Nagaland
    14: ("mni", "hi"),  # Manipur
    15: ("hi",),  # Mizoram
    16: ("bn", "hi"),  # Tripura
    17: ("hi",),  # Meghalaya
    18: ("as", "bn", "brx", "hi"),  # Assam
    19: ("bn", "ne", "ur", "sat", "hi"),  # West Bengal
    20: ("hi", "sat", "ur", "bn", "or"),  # Jharkhand
    21: ("or", "sat", "hi"),  # Odisha
    22: ("hi",),  # Chhattisgarh
    23: ("hi",),  # Madhya Pradesh
    24: ("gu", "sd", "hi"),  # Gujarat
    27: ("mr", "hi", "kok"),  # Maharashtra
    28: ("te", "ur", "hi"),  # Andhra Pradesh
    29: ("kn", "hi"),  # Karnataka
    30: ("kok", "mr", "hi"),  # Goa
    31: ("ml", "hi"),  # Lakshadweep
    32: ("ml", "hi"),  # Kerala
    33: ("ta", "hi"),  # Tamil Nadu
    34: ("ta", "te", "ml", "hi"),  # Puducherry
    35: ("hi", "bn", "ta", "te", "ml"),  # Andaman and Nicobar Islands
    36: ("te", "ur", "hi"),  # Telangana
    37: ("hi", "ur"),  # Ladakh
    38: ("gu", "hi", "mr"),  # Dadra and Nagar Haveli and Daman and Diu
}


def language_choices() -> list[tuple[str, str]]:
    """Every language offered now (settings.LANGUAGES): a family's SMS may be in any of them.
    A callable, so that shipping a language needs no migration."""
    return list(settings.LANGUAGES)


def portal_language_choices() -> list[tuple[str, str]]:
    """The languages offered now in which the whole portal reads: what officials choose from."""
    return [
        (code, name)
        for code, name in settings.LANGUAGES
        if code not in BY_CODE or BY_CODE[code].scope == PORTAL
    ]


def is_portal_language(code: str) -> bool:
    return code in dict(portal_language_choices())


def languages_of_state(state_lgd_code: int | None) -> list[str]:
    """The offered languages of a State/UT, in the order its people would look for them."""
    offered = dict(settings.LANGUAGES)
    return [code for code in STATE_LANGUAGES.get(state_lgd_code, ()) if code in offered]
