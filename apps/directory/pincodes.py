"""PIN code checks against the offline India Post directory shipped by `indian-pincode`.

Plain Python, no Django models: names in, an error message (or None) out.
"""

import re

import indian_pincode
from django.utils.translation import gettext as _

_NOT_LETTERS = re.compile(r"[^a-z]+")
_FILLER_WORDS = {"the", "and", "district"}


def _name_key(name: str) -> str:
    words = _NOT_LETTERS.sub(" ", name.lower().replace("&", " and ")).split()
    return "".join(word for word in words if word not in _FILLER_WORDS)


def pin_code_error(pin: str, *, state_name: str | None, district_name: str | None) -> str | None:
    """Why `pin` cannot belong to the given state and district, or None when it can.

    The postal directory lags the LGD: districts carved out recently are unknown to it. For such
    a district only the state can be checked, so a new district's PIN codes are not refused.
    """
    if not indian_pincode.is_well_formed(pin):
        return None  # the field's own format check explains this one
    details = indian_pincode.get_details(pin)
    if details is None:
        return _("%(pin)s is not a PIN code in use in India.") % {"pin": pin}
    if state_name is None:
        return None
    if _name_key(state_name) not in {_name_key(state) for state in details["states"]}:
        return _("PIN code %(pin)s belongs to %(state)s, not %(chosen)s.") % {
            "pin": pin,
            "state": details["state"].title(),
            "chosen": state_name,
        }
    if district_name is None:
        return None
    pin_districts = {_name_key(district) for district in details["districts"]}
    known_districts = {
        _name_key(district)
        for state in details["states"]
        for district in indian_pincode.list_districts(state)
    }
    wanted = _name_key(district_name)
    if wanted in known_districts and wanted not in pin_districts:
        return _("PIN code %(pin)s belongs to %(districts)s district, not %(chosen)s.") % {
            "pin": pin,
            "districts": ", ".join(d.title() for d in details["districts"]),
            "chosen": district_name,
        }
    return None
