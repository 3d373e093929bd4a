"""Pieces of alert text that must come out in each recipient's own language.

A message is rendered once per recipient, under that recipient's language; these lazy values
are turned into text only then, so a Hindi-speaking SP reads Hindi district and month names.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext

from apps.reports.models import Report


def in_recipient_language(function):
    return lazy(function, str)()


def once_per_language(function):
    """Like in_recipient_language, but worked out once per language however many recipients
    read it: a bulletin's list of children is the same for every station of a State/UT."""
    rendered: dict[str, str] = {}

    def text():
        language = get_language()
        if language not in rendered:
            rendered[language] = function()
        return rendered[language]

    return in_recipient_language(text)


def month_name(month):
    return in_recipient_language(lambda: date_format(month, "F Y"))


def place_name(place):
    """A district, State/UT or unit name as the recipient reads it (modeltranslation fields)."""
    return in_recipient_language(lambda: str(place))


def child_words(report: Report):
    def words():
        age = (
            str(report.age_min)
            if report.age_min == report.age_max
            else f"{report.age_min}-{report.age_max}"
        )
        return gettext("%(name)s, %(sex)s, age %(age)s") % {
            "name": report.full_name or gettext("name not known"),
            "sex": report.get_sex_display(),
            "age": age,
        }

    return in_recipient_language(words)


def place_of(report: Report):
    def words():
        parts = [report.event_locality, report.event_landmark, str(report.event_district)]
        return ", ".join(part for part in parts if part)

    return in_recipient_language(words)


def when(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def day(moment) -> str:
    return moment.strftime("%d/%m/%Y")


def link(path: str) -> str:
    return f"{settings.PORTAL_URL.rstrip('/')}{path}"
