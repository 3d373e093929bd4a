"""Every registered template renders in every language of the portal, with all its variables,
and its SMS stays within three parts even in Hindi or Bengali (Unicode SMS are short)."""

import pytest
from django.conf import settings
from django.utils.translation import override

from apps.messaging.catalogue import TEMPLATES
from apps.messaging.segments import measure

MAX_PARTS = 3
# Realistic longest values for every variable any template uses.
CONTEXT = {
    "code": "482913",
    "reference": "KP7Q2M9X4D",
    "case": "M-0012345",
    "child": "Priya Sahu, Girl, age 11",
    "when": "22/11/2026 18:30",
    "place": "Bhubaneswar railway station, Platform 3, Khordha",
    "unit": "Capital Police Station",
    "phone": "0674-2390100",
    "link": "https://trackchild.example.gov.in/reports/123/",
    # A family's stop link, the longer of the two kinds.
    "stop_link": "https://trackchild.example.gov.in/kp/s/M-0012345/fu7sAb3_x9-kQ2w/",
    "missing": "M-0012345",
    "other": "F-0023456",
    "score": "87",
    "count": 14,
    "units": 3,
    "district": "Khordha",
    "state": "Andaman and Nicobar Islands",
    "unit_list": "- Home A: 3 overdue",
    "month": "October 2026",
    "found": 12,
    "matched": 4,
    "restored": 3,
    "open_long": 41,
    "late": 2,
    "institutions": 5,
    "late_list": "- Shelter Home Khordha",
    "username": "dcpo_khordha_district_01",
    "duplicate": "M-0012346",
    "primary": "M-0012345",
    "day": "22/11/2026",
    "hours": 168,
    "stations": 12,
    "station_list": "- Capital Police Station: M-0012345 (30 h)",
    "route": "New Delhi\N{EN DASH}Guwahati (via Lucknow), Howrah\N{EN DASH}New Delhi (Grand Chord)",
    "coverage": "in Uttar Pradesh and its neighbouring States/UTs, with suspected trafficking "
    "across India",
    "cases": "- M-0012345: Priya Sahu, Girl, age 11",
    "fir": "FIR 1234/2026",
    "reason": "Left care (adult, adopted or released)",
}


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_template_renders_and_fits(key, language):
    template = TEMPLATES[key]
    with override(language):
        sms = str(template.text) % CONTEXT
        subject = str(template.subject) % CONTEXT
        email = str(template.email_text or template.text) % CONTEXT

    assert "%(" not in sms + subject + email
    assert measure(sms).parts <= MAX_PARTS, (key, language, sms)
