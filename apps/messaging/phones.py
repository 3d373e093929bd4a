"""Indian mobile numbers, as people write them and as SMS gateways want them."""

import re

import phonenumbers

MOBILE_PATTERN = r"[6-9][0-9]{9}"


def normalised_mobile(value: str) -> str:
    """Accept +91, 0 and spaces the way people write numbers; keep the 10 digits."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 12 and digits.startswith("91"):
        digits = digits[2:]
    if len(digits) == 11 and digits.startswith("0"):
        digits = digits[1:]
    return digits


# "0612-2200200", "011 23380000": a trunk 0 and an STD code set apart make a landline, even when
# the digits that follow the 0 would pass for a mobile number.
LANDLINE_PATTERN = r"\s*0[1-9][0-9]{1,3}[\s-]"


def sms_number(phone: str) -> str | None:
    """The 10-digit mobile number an SMS can reach; None for a landline or nothing."""
    if re.match(LANDLINE_PATTERN, phone or ""):
        return None
    mobile = normalised_mobile(phone)
    return mobile if re.fullmatch(MOBILE_PATTERN, mobile) else None


INDIA_CALLING_CODE = 91


class NotANumberAbroadError(ValueError):
    """A number written with another country's code that is not a valid number there."""


def number_abroad(phone: str) -> str | None:
    """A family's number in another country (Nepal +977, Bangladesh +880…), checked against that
    country's numbering plan with `phonenumbers`, in E.164 ("+9779841234567"). None for a number
    written without a country code or with India's (+91), which stays an Indian number, checked
    as before. Raises NotANumberAbroadError for another country's code and a number not valid
    there."""
    typed = (phone or "").strip()
    if typed.startswith("00"):
        typed = f"+{typed[2:]}"
    if not typed.startswith("+"):
        return None
    try:
        number = phonenumbers.parse(typed, None)
    except phonenumbers.NumberParseException as error:
        raise NotANumberAbroadError(typed) from error
    if number.country_code == INDIA_CALLING_CODE:
        return None
    if not phonenumbers.is_valid_number(number):
        raise NotANumberAbroadError(typed)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
