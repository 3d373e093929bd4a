"""Who hears about a unit's alerts, taken from the directory and officials' own choices.

The head of a unit is reached on the contact the directory records for them (a District
Magistrate needs no account to get the monthly digest); officials with accounts choose on their
profile whether their unit's alerts reach them too. When nobody is named, the unit's own e-mail
and mobile number are used, so an alert is never silently dropped.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from apps.directory.models import AlertChannels, NodalOfficer, Unit, UnitType
from apps.messaging.models import Channel
from apps.messaging.phones import sms_number

DEFAULT_LANGUAGE = "en"
CHANNELS_CHOSEN = {
    AlertChannels.SMS_AND_EMAIL: (Channel.SMS, Channel.EMAIL),
    AlertChannels.SMS: (Channel.SMS,),
    AlertChannels.EMAIL: (Channel.EMAIL,),
    AlertChannels.NONE: (),
}


@dataclass(frozen=True)
class Recipient:
    channel: Channel
    address: str
    language: str
    unit: Unit
    user: object = None


def heads_of(unit: Unit) -> list[Recipient]:
    """The head of the unit, as the directory records them; else the unit's own contact."""
    return _head(unit) or _unit_contact(unit)


def everyone_of(unit: Unit) -> list[Recipient]:
    """The head and every official of the unit who asked for its alerts."""
    return _everyone(unit, _officials_taking_alerts().filter(unit=unit))


def email_readers_of_units(units: list[Unit]) -> dict[int, list[Recipient]]:
    """For each unit, by id, everyone of it who reads its alerts by e-mail, else the unit's own
    address; with one query for all the units' officials."""
    officials = defaultdict(list)
    for official in _officials_taking_alerts().filter(unit__in=units):
        officials[official.unit_id].append(official)
    readers = {}
    for unit in units:
        people = _everyone(unit, officials[unit.pk])
        by_email = [person for person in people if person.channel == Channel.EMAIL]
        if not by_email and unit.email:
            by_email = [Recipient(Channel.EMAIL, unit.email, DEFAULT_LANGUAGE, unit)]
        readers[unit.pk] = by_email
    return readers


def state_nodal_officers_by_email() -> dict[int, list[Recipient]]:
    """For each State/UT, by id, its State nodal officers with an e-mail address, each in the
    language of the official whose account has that address (else English); for a State/UT
    with none, the e-mail readers of its State Child Protection Society."""
    officers = (
        NodalOfficer.objects.filter(scope=NodalOfficer.Scope.STATE, unit__is_active=True)
        .exclude(email="")
        .select_related("unit")
        .order_by("unit__state_id", "pk")
    )
    languages = _languages_of_accounts([officer.email for officer in officers])
    readers = defaultdict(list)
    for officer in officers:
        language = languages.get(officer.email.lower(), DEFAULT_LANGUAGE)
        readers[officer.unit.state_id].append(
            Recipient(Channel.EMAIL, officer.email, language, officer.unit)
        )
    societies = list(
        Unit.objects.filter(unit_type=UnitType.SCPS, is_active=True)
        .exclude(state_id__in=list(readers))
        .order_by("pk")
    )
    society_readers = email_readers_of_units(societies)
    for unit in societies:
        readers[unit.state_id].extend(society_readers[unit.pk])
    return {state_id: people for state_id, people in readers.items() if people}


def _languages_of_accounts(emails: list[str]) -> dict[str, str]:
    accounts = (
        get_user_model()
        .objects.filter(is_active=True, email__in=emails)
        .exclude(preferred_language="")
        .values_list("email", "preferred_language")
    )
    return {email.lower(): language for email, language in accounts}


def _officials_taking_alerts():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(alert_channels=AlertChannels.NONE)
        .order_by("pk")
    )


def _everyone(unit: Unit, officials) -> list[Recipient]:
    people = _head(unit) + [
        recipient
        for official in officials
        for recipient in _reached(
            unit,
            channels=official.alert_channels,
            mobile=official.mobile,
            email=official.email,
            language=official.preferred_language,
            user=official,
        )
    ]
    return people or _unit_contact(unit)


def _head(unit: Unit) -> list[Recipient]:
    return _reached(
        unit,
        channels=unit.head_alert_channels,
        mobile=unit.head_mobile,
        email=unit.head_email,
        language=unit.head_language,
    )


def _reached(unit, *, channels, mobile, email, language, user=None) -> list[Recipient]:
    addresses = {Channel.SMS: sms_number(mobile), Channel.EMAIL: email}
    return [
        Recipient(channel, addresses[channel], language or DEFAULT_LANGUAGE, unit, user)
        for channel in CHANNELS_CHOSEN[channels]
        if addresses[channel]
    ]


def _unit_contact(unit: Unit) -> list[Recipient]:
    return _reached(
        unit,
        channels=AlertChannels.SMS_AND_EMAIL,
        mobile=unit.phone,
        email=unit.email,
        language=DEFAULT_LANGUAGE,
    )
